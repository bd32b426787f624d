package org.ctims.gateway.me;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/me}: who is signed in. Served by the gateway itself because the gateway holds
 * the browser's session; callers without one get the security chain's 401 before reaching here.
 */
@RestController
class MeController {

    @GetMapping("/api/me")
    SignedInUser me(Authentication authentication) {
        if (authentication instanceof JwtAuthenticationToken bearer) {
            return CtimsClaims.toUser(bearer.getToken().getClaims());
        }
        if (authentication.getPrincipal() instanceof OidcUser oidcUser) {
            return CtimsClaims.toUser(oidcUser.getClaims());
        }
        throw new IllegalStateException("Unsupported authentication " + authentication.getClass().getSimpleName());
    }
}

package org.ctims.platform.security;

import java.util.Collection;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/** A verified Keycloak token together with the {@link CurrentUser} read from it. */
public final class CtimsAuthentication extends JwtAuthenticationToken {

    private final CurrentUser currentUser;

    CtimsAuthentication(Jwt jwt, Collection<? extends GrantedAuthority> authorities, CurrentUser currentUser) {
        super(jwt, authorities, currentUser.username());
        this.currentUser = currentUser;
    }

    public CurrentUser currentUser() {
        return currentUser;
    }
}

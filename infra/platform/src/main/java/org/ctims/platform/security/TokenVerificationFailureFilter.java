package org.ctims.platform.security;

import java.io.IOException;

import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.ctims.platform.web.ProblemResponses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Spring Security rethrows a token that could not be <em>checked</em> (as opposed to a token
 * that is bad) as {@link AuthenticationServiceException}, which would end as a bare 500. A token
 * whose key id forced too many key-set refreshes is a bad token (401); the realm's keys being
 * unreachable is a temporary outage (503); both answered as problem details.
 */
final class TokenVerificationFailureFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(TokenVerificationFailureFilter.class);

    private final ProblemResponses problems;

    TokenVerificationFailureFilter(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (AuthenticationServiceException e) {
            if (response.isCommitted()) {
                throw e;
            }
            if (causedBy(e, RateLimitReachedException.class)) {
                problems.write(response, HttpStatus.UNAUTHORIZED, "unauthenticated", "Sign in first",
                        "This request needs a valid CTIMS access token.");
            } else {
                log.warn("Cannot verify access tokens: {}", e.toString());
                problems.write(response, HttpStatus.SERVICE_UNAVAILABLE, "sign-in-unavailable",
                        "Sign-in temporarily unavailable",
                        "Your sign-in cannot be checked right now. Nothing was changed; try again shortly.");
            }
        }
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }
}

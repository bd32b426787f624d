package org.ctims.gateway.security;

/**
 * Keycloak did not answer a call the gateway made for a user (a sign-in's code exchange, a token
 * refresh): refused, reset or too slow. {@link SignInUnavailableWebFilter} turns it into a 503.
 */
final class KeycloakUnavailableException extends RuntimeException {

    KeycloakUnavailableException(Throwable cause) {
        super("Keycloak did not answer: " + cause.getMessage(), cause);
    }
}

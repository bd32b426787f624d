package org.ctims.gateway.security;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import org.ctims.gateway.problem.Problems;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import reactor.core.publisher.Mono;

/**
 * What a user meets while Keycloak is down, instead of the browser's connection-refused page, a
 * hanging request or an error page:
 * <ul>
 * <li>starting a sign-in: before sending the browser to Keycloak, the gateway asks Keycloak for the
 * realm's keys (within the time limits of {@link OidcProperties}); without an answer the browser
 * gets a 503 page in the product's look saying that sign-in is unavailable for a few minutes;
 * <li>a sign-in whose code exchange Keycloak does not answer: the same page;
 * <li>an API call whose expired access token cannot be refreshed: 503 problem details
 * ({@code sign-in-unavailable}) that the web client shows as a message.
 * </ul>
 * Users whose access token is still valid are not affected: the gateway holds it in their session.
 */
final class SignInUnavailableWebFilter implements WebFilter {

    static final String PROBLEM_TYPE = "sign-in-unavailable";
    /** Keycloak restarts in about a minute. */
    private static final String RETRY_AFTER_SECONDS = "60";
    private static final byte[] PAGE = page();

    private final String loginPath;
    private final WebClient keycloak;
    private final String keysUri;

    SignInUnavailableWebFilter(String loginPath, OidcProperties oidc) {
        this.loginPath = loginPath;
        this.keycloak = KeycloakCallsConfiguration.webClient(oidc);
        this.keysUri = oidc.issuerUri() + "/protocol/openid-connect/certs";
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        Mono<Void> next = chain.filter(exchange)
                .onErrorResume(KeycloakUnavailableException.class, error -> unavailable(exchange));
        if (!startsSignIn(exchange)) {
            return next;
        }
        return keycloakAnswers().flatMap(answers -> answers ? next : unavailable(exchange));
    }

    private boolean startsSignIn(ServerWebExchange exchange) {
        return HttpMethod.GET.equals(exchange.getRequest().getMethod())
                && exchange.getRequest().getPath().pathWithinApplication().value().equals(loginPath);
    }

    /** Keycloak serves the realm's keys: it is up and the realm is there. */
    Mono<Boolean> keycloakAnswers() {
        return keycloak.get().uri(keysUri).retrieve().toBodilessEntity()
                .map(answer -> answer.getStatusCode().is2xxSuccessful())
                .onErrorReturn(false);
    }

    private static Mono<Void> unavailable(ServerWebExchange exchange) {
        ServerHttpResponse response = exchange.getResponse();
        response.getHeaders().set(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
        if (exchange.getRequest().getPath().pathWithinApplication().value().startsWith("/api/")) {
            return Problems.write(exchange, Problems.of(HttpStatus.SERVICE_UNAVAILABLE, PROBLEM_TYPE,
                    "Sign-in is unavailable",
                    "Your sign-in could not be renewed: the sign-in service is not answering. Try again in a few minutes."));
        }
        response.setStatusCode(HttpStatus.SERVICE_UNAVAILABLE);
        response.getHeaders().setContentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8));
        response.getHeaders().setCacheControl("no-store");
        return response.writeWith(Mono.just(response.bufferFactory().wrap(PAGE)));
    }

    private static byte[] page() {
        try (InputStream in = SignInUnavailableWebFilter.class.getResourceAsStream("/pages/sign-in-unavailable.html")) {
            if (in == null) {
                throw new IllegalStateException("pages/sign-in-unavailable.html is missing");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

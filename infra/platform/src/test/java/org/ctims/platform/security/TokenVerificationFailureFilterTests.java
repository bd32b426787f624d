package org.ctims.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.source.JWKSetUnavailableException;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import org.ctims.platform.web.ProblemResponses;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.AuthenticationServiceException;
import tools.jackson.databind.json.JsonMapper;

class TokenVerificationFailureFilterTests {

    private final TokenVerificationFailureFilter filter =
            new TokenVerificationFailureFilter(new ProblemResponses(JsonMapper.builder().build()));

    private MockHttpServletResponse runWithFailure(Exception cause) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(new MockHttpServletRequest("GET", "/api/x"), response, (req, res) -> {
            throw new AuthenticationServiceException("cannot check token", cause);
        });
        return response;
    }

    @Test
    void unreachableRealmKeysAreATemporaryOutage() throws Exception {
        MockHttpServletResponse response = runWithFailure(new JWKSetUnavailableException("connection refused"));

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getContentType()).isEqualTo("application/problem+json");
        assertThat(response.getContentAsString()).contains("urn:ctims:problem:sign-in-unavailable")
                .doesNotContain("connection refused");
    }

    @Test
    void aTokenThatKeepsForcingKeyRefreshesIsSimplyUnauthenticated() throws Exception {
        MockHttpServletResponse response = runWithFailure(new RateLimitReachedException());

        assertThat(response.getStatus()).isEqualTo(401);
        assertThat(response.getContentAsString()).contains("urn:ctims:problem:unauthenticated");
    }

    @Test
    void requestsThatSucceedPassUntouched() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(new MockHttpServletRequest("GET", "/api/x"), response, (req, res) -> res.getWriter().write("ok"));

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getContentAsString()).isEqualTo("ok");
    }
}

package org.ctims.gateway;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

/** A gateway test class whose {@link #client} calls the application's whole filter chain, as a browser at localhost:8080. */
abstract class FilterChainTests {

    @Autowired
    ApplicationContext context;

    WebTestClient client;

    @BeforeEach
    void clientOfTheFilterChain() {
        client = GatewayTestSupport.client(context);
    }
}

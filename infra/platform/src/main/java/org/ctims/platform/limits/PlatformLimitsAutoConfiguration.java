package org.ctims.platform.limits;

import io.github.resilience4j.bulkhead.BulkheadRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.context.annotation.Bean;

/** The limits on heavy requests, with the bulkheads of {@code resilience4j.bulkhead.instances.*}. */
@AutoConfiguration
@ConditionalOnWebApplication(type = Type.SERVLET)
public class PlatformLimitsAutoConfiguration {

    @Bean
    HeavyRequests heavyRequests(BulkheadRegistry bulkheads) {
        return new HeavyRequests(bulkheads);
    }

    @Bean
    HeavyRequestsAdvice heavyRequestsAdvice() {
        return new HeavyRequestsAdvice();
    }
}

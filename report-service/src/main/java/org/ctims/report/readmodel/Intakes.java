package org.ctims.report.readmodel;

import java.util.function.Consumer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * The three Spring Cloud Stream consumers (bindings {@code rosterEnrollments-in-0},
 * {@code followupReports-in-0}, {@code catalog-in-0}, group {@code report}; see application.yml).
 * Invalid events throw {@code RejectedEventException} and go to {@code error.<topic>.report}.
 */
@Configuration(proxyBeanMethods = false)
class Intakes {

    @Bean
    Consumer<Message<byte[]>> rosterEnrollments(ReadModelUpdates updates) {
        return updates::enrollment;
    }

    @Bean
    Consumer<Message<byte[]>> followupReports(ReadModelUpdates updates) {
        return updates::report;
    }

    @Bean
    Consumer<Message<byte[]>> catalog(ReadModelUpdates updates) {
        return updates::catalog;
    }
}

package org.ctims.platform.metrics;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.cloud.stream.config.BindingServiceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.jdbc.core.JdbcTemplate;

/** Metrics every service exports besides Spring Boot's own (HTTP, JVM, pools, Kafka clients). */
@AutoConfiguration(after = {JdbcTemplateAutoConfiguration.class, KafkaAutoConfiguration.class},
        afterName = "org.springframework.cloud.stream.config.BindingServiceConfiguration")
@ConditionalOnClass(MeterRegistry.class)
public class PlatformMetricsAutoConfiguration {

    @Bean
    @ConditionalOnBean(JdbcTemplate.class)
    OutboxMetrics outboxMetrics(JdbcTemplate jdbc) {
        return new OutboxMetrics(jdbc, Clock.systemUTC());
    }

    @Bean
    @ConditionalOnBean({KafkaAdmin.class, BindingServiceProperties.class})
    DeadLetterMetrics deadLetterMetrics(KafkaAdmin kafkaAdmin, BindingServiceProperties bindings) {
        return new DeadLetterMetrics(kafkaAdmin, bindings, Clock.systemUTC());
    }
}

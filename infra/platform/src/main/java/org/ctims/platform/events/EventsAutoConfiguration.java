package org.ctims.platform.events;

import java.time.Duration;
import java.util.Map;

import javax.sql.DataSource;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.apache.kafka.clients.producer.KafkaProducer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.cloud.stream.binder.kafka.properties.KafkaBinderConfigurationProperties;
import org.springframework.cloud.stream.annotation.StreamRetryTemplate;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The events part of the platform: {@link Outbox} and {@link Inbox} wherever there is a
 * {@link DataSource}, and the outbox relay where Spring Cloud Stream's {@link StreamBridge} is
 * present too ({@code ctims.outbox.relay-enabled=false} turns the relay off on an instance).
 * Tables come from {@code classpath:db/platform} (Flyway, versions below 1).
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
        "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration",
        "org.springframework.cloud.stream.function.FunctionConfiguration",
        "io.github.resilience4j.springboot.circuitbreaker.autoconfigure.CircuitBreakerAutoConfiguration" })
@ConditionalOnClass(JdbcTemplate.class)
@ConditionalOnBean(DataSource.class)
@EnableConfigurationProperties(OutboxProperties.class)
public class EventsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Outbox outbox(DataSource dataSource, ObjectProvider<JsonMapper> jsonMapper, Environment environment) {
        return new Outbox(new JdbcTemplate(dataSource), jsonMapper.getIfAvailable(JsonMapper::shared),
                environment.getProperty("ctims.events.source", "/ctims/" + environment.getProperty("spring.application.name", "unnamed")));
    }

    @Bean
    @ConditionalOnMissingBean
    Inbox inbox(DataSource dataSource) {
        return new Inbox(new JdbcTemplate(dataSource));
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(StreamBridge.class)
    @ConditionalOnBean({ StreamBridge.class, PlatformTransactionManager.class })
    @ConditionalOnBooleanProperty(name = "ctims.outbox.relay-enabled", matchIfMissing = true)
    static class Relay {

        @Bean
        OutboxRelay outboxRelay(DataSource dataSource, PlatformTransactionManager transactionManager, StreamBridge streamBridge,
                ObjectProvider<CircuitBreakerRegistry> registry, OutboxProperties properties, Environment environment,
                ObjectProvider<KafkaProperties> kafkaProperties, ObjectProvider<KafkaConnectionDetails> connectionDetails) {
            // Used when resilience4j.circuitbreaker.instances.outbox-relay is not configured.
            CircuitBreakerConfig defaults = CircuitBreakerConfig.custom()
                    .slidingWindowSize(4)
                    .minimumNumberOfCalls(2)
                    .failureRateThreshold(50)
                    .waitDurationInOpenState(Duration.ofSeconds(5))
                    .permittedNumberOfCallsInHalfOpenState(1)
                    .build();
            CircuitBreaker circuitBreaker = registry.getIfAvailable(() -> CircuitBreakerRegistry.of(defaults))
                    .circuitBreaker("outbox-relay", defaults);
            return new OutboxRelay(new JdbcTemplate(dataSource), new TransactionTemplate(transactionManager), streamBridge,
                    relayProducer(environment, kafkaProperties.getIfAvailable(KafkaProperties::new), connectionDetails),
                    circuitBreaker, properties);
        }

        /** A producer with the settings of the binder's producer bindings ({@code spring.cloud.stream.kafka.binder.*}). */
        private static RelayProducer relayProducer(Environment environment, KafkaProperties kafkaProperties,
                ObjectProvider<KafkaConnectionDetails> connectionDetails) {
            KafkaBinderConfigurationProperties binder = new KafkaBinderConfigurationProperties(kafkaProperties, connectionDetails);
            Binder.get(environment).bind("spring.cloud.stream.kafka.binder", Bindable.ofInstance(binder));
            Map<String, Object> configuration = RelayProducer.configuration(binder,
                    "outbox-relay-" + environment.getProperty("spring.application.name", "unnamed"));
            return new RelayProducer(() -> new KafkaProducer<>(configuration));
        }
    }

    /**
     * The retry template of every consumer binding ({@code spring.cloud.stream.default.consumer.retry-template-name}):
     * see {@link ConsumerRetryPolicy}. Attempts and backoff come from the binder's default consumer properties.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(StreamRetryTemplate.class)
    static class ConsumerRetry {

        @Bean(ConsumerRetryPolicy.TEMPLATE)
        @StreamRetryTemplate
        RetryTemplate ctimsConsumerRetry(Environment environment) {
            String prefix = "spring.cloud.stream.default.consumer.";
            return new RetryTemplate(new ConsumerRetryPolicy(
                    environment.getProperty(prefix + "max-attempts", Long.class, 3L),
                    Duration.ofMillis(environment.getProperty(prefix + "back-off-initial-interval", Long.class, 500L)),
                    environment.getProperty(prefix + "back-off-multiplier", Double.class, 2.0),
                    Duration.ofMillis(environment.getProperty(prefix + "back-off-max-interval", Long.class, 5000L)),
                    environment.getProperty("ctims.events.outage-retry-max-interval", Duration.class, Duration.ofSeconds(10))));
        }
    }
}

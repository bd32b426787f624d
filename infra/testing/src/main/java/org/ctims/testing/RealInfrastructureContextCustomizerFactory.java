package org.ctims.testing;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;
import org.springframework.test.context.support.TestPropertySourceUtils;

/** Implements {@link RealInfrastructure}; registered in {@code META-INF/spring.factories}. */
class RealInfrastructureContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
        if (!TestContextAnnotationUtils.hasAnnotation(testClass, RealInfrastructure.class)) {
            return null;
        }
        Class<?> owner = testClass;
        while (owner.getEnclosingClass() != null && TestContextAnnotationUtils.searchEnclosingClass(owner)) {
            owner = owner.getEnclosingClass();
        }
        return new Customizer(owner);
    }

    /**
     * Equal for the same (top-level) test class only, so Spring's context cache never hands one
     * class's database to another class. The database is created when a context is actually built.
     */
    record Customizer(Class<?> owner) implements ContextCustomizer {

        static final String SOURCE_NAME = "ctimsRealInfrastructure";

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            ConfigurableEnvironment environment = context.getEnvironment();
            TestDatabase database = TestInfrastructure.newDatabase(owner.getSimpleName());
            String brokers = TestInfrastructure.kafkaBootstrapServers();
            Map<String, Object> properties = new HashMap<>();
            properties.put("spring.datasource.url", database.jdbcUrl() + queryOf(environment.getProperty("spring.datasource.url")));
            properties.put("spring.datasource.username", database.username());
            properties.put("spring.datasource.password", database.password());
            properties.put("spring.cloud.stream.kafka.binder.brokers", brokers);
            properties.put("spring.kafka.bootstrap-servers", brokers);
            properties.put("ctims.test.topic-suffix", TestInfrastructure.newTopicSuffix());
            properties.put("ctims.test.database", database.name());
            MapPropertySource source = new MapPropertySource(SOURCE_NAME, properties);
            MutablePropertySources sources = environment.getPropertySources();
            // Behind the test's own inlined properties, so a test can still override one of ours.
            if (sources.contains(TestPropertySourceUtils.INLINED_PROPERTIES_PROPERTY_SOURCE_NAME)) {
                sources.addAfter(TestPropertySourceUtils.INLINED_PROPERTIES_PROPERTY_SOURCE_NAME, source);
            }
            else {
                sources.addFirst(source);
            }
        }

        private static String queryOf(String url) {
            int query = url == null ? -1 : url.indexOf('?');
            return query < 0 ? "" : url.substring(query);
        }
    }
}

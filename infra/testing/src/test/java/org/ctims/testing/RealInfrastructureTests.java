package org.ctims.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

@SpringJUnitConfig(RealInfrastructureTests.Empty.class)
@RealInfrastructure
class RealInfrastructureTests {

    @Autowired
    Environment environment;

    @Test
    void aTestClassGetsAnEmptyDatabaseOfItsOwnAndATopicSuffix() throws Exception {
        assertThat(environment.getProperty("ctims.test.topic-suffix")).matches("-t[0-9a-f]{8}");
        assertThat(environment.getProperty("spring.cloud.stream.kafka.binder.brokers"))
                .isEqualTo(environment.getProperty("spring.kafka.bootstrap-servers")).isNotBlank();
        try (Connection connection = DriverManager.getConnection(environment.getProperty("spring.datasource.url"),
                environment.getProperty("spring.datasource.username"), environment.getProperty("spring.datasource.password"));
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("select current_database(), count(*) from pg_tables where schemaname = 'public' group by 1")) {
            assertThat(rs.next()).as("database has no tables yet").isFalse();
        }
    }

    @Test
    void twoTestClassesGetDifferentDatabasesAndSuffixesWhileOneClassKeepsItsContext() {
        RealInfrastructureContextCustomizerFactory factory = new RealInfrastructureContextCustomizerFactory();
        ContextCustomizer first = factory.createContextCustomizer(RealInfrastructureTests.class, List.of());
        ContextCustomizer nested = factory.createContextCustomizer(Inner.class, List.of());
        ContextCustomizer other = factory.createContextCustomizer(OtherClass.class, List.of());

        assertThat(nested).as("a @Nested class shares its enclosing class's context").isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
        assertThat(factory.createContextCustomizer(NotAnnotated.class, List.of())).isNull();

        Environment a = customized(first);
        Environment b = customized(other);
        assertThat(a.getProperty("ctims.test.database")).isNotEqualTo(b.getProperty("ctims.test.database"));
        assertThat(a.getProperty("spring.datasource.url")).isNotEqualTo(b.getProperty("spring.datasource.url"));
        assertThat(a.getProperty("ctims.test.topic-suffix")).isNotEqualTo(b.getProperty("ctims.test.topic-suffix"));
    }

    @Test
    void theQueryStringOfTheApplicationsOwnUrlIsKept() {
        GenericApplicationContext context = new GenericApplicationContext();
        context.getEnvironment().getSystemProperties(); // touch to initialise
        context.getEnvironment().getPropertySources().addLast(new org.springframework.core.env.MapPropertySource("app",
                java.util.Map.of("spring.datasource.url", "jdbc:postgresql://elsewhere:5432/ctims?currentSchema=followup")));
        new RealInfrastructureContextCustomizerFactory().createContextCustomizer(OtherClass.class, List.of())
                .customizeContext(context, mock(MergedContextConfiguration.class));
        assertThat(context.getEnvironment().getProperty("spring.datasource.url"))
                .startsWith("jdbc:postgresql://").endsWith("?currentSchema=followup").doesNotContain("elsewhere");
    }

    private static Environment customized(ContextCustomizer customizer) {
        GenericApplicationContext context = new GenericApplicationContext();
        customizer.customizeContext(context, mock(MergedContextConfiguration.class));
        return context.getEnvironment();
    }

    @Nested
    class Inner {
    }

    @RealInfrastructure
    static class OtherClass {
    }

    static class NotAnnotated {
    }

    @Configuration(proxyBeanMethods = false)
    static class Empty {
    }
}

package org.ctims.platform.audit;

import java.time.Clock;

import javax.sql.DataSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The audit log of every service with a {@link DataSource} (table {@code audit_entry} from
 * {@code classpath:db/platform}): {@link AuditLog}, {@link AuditChain}, {@link AuditSearch}, the
 * retention job, and state staff's endpoints where {@code ctims.audit.path} is set.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration"})
@ConditionalOnClass(JdbcTemplate.class)
@ConditionalOnBean({DataSource.class, PlatformTransactionManager.class})
@EnableConfigurationProperties(AuditProperties.class)
public class AuditAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ClientAddresses clientAddresses(AuditProperties properties) {
        return new ClientAddresses(properties.trustedProxies());
    }

    @Bean
    @ConditionalOnMissingBean
    AuditLog auditLog(DataSource dataSource, ClientAddresses addresses) {
        return new AuditLog(new JdbcTemplate(dataSource), addresses, Clock.systemUTC());
    }

    @Bean
    @ConditionalOnMissingBean
    AuditChain auditChain(DataSource dataSource, PlatformTransactionManager transactionManager) {
        JdbcTemplate cursor = new JdbcTemplate(dataSource);
        cursor.setFetchSize(1000);
        TransactionTemplate readOnly = new TransactionTemplate(transactionManager);
        readOnly.setReadOnly(true);
        readOnly.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        return new AuditChain(cursor, readOnly);
    }

    @Bean
    @ConditionalOnMissingBean
    AuditSearch auditSearch(DataSource dataSource) {
        return new AuditSearch(new JdbcTemplate(dataSource));
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBooleanProperty(name = "ctims.audit.retention-enabled", matchIfMissing = true)
    AuditRetention auditRetention(DataSource dataSource, AuditProperties properties, AuditChain chain,
                                  ObjectProvider<AuditMetrics> metrics) {
        return new AuditRetention(new JdbcTemplate(dataSource), properties, Clock.systemUTC(), chain, metrics.getIfAvailable());
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
    AuditMetrics auditMetrics(DataSource dataSource) {
        return new AuditMetrics(new JdbcTemplate(dataSource), Clock.systemUTC());
    }

    @Bean
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnProperty(name = "ctims.audit.path")
    AuditController auditController(AuditSearch search, AuditChain chain, AuditLog audit) {
        return new AuditController(search, chain, audit);
    }
}

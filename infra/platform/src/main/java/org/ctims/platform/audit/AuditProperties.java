package org.ctims.platform.audit;

import java.time.Period;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code ctims.audit.*} (infra/platform/README.md, "Audit log").
 *
 * @param path where the service answers state staff's audit queries ({@code <path>} and
 *        {@code <path>/verification}); unset: no audit endpoints
 * @param retention how long entries are kept (at least a year; the database refuses less)
 * @param retentionSchedule when the retention job runs (a Spring cron expression, the service's time zone UTC)
 * @param retentionEnabled whether this instance runs the retention job
 * @param trustedProxies addresses or CIDR ranges of the proxies whose forwarded headers are believed
 */
@ConfigurationProperties("ctims.audit")
public record AuditProperties(String path, @DefaultValue("P7Y") Period retention,
                              @DefaultValue("0 20 3 * * *") String retentionSchedule,
                              @DefaultValue("true") boolean retentionEnabled,
                              @DefaultValue List<String> trustedProxies) {

    public AuditProperties {
        trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
        if (retention.toTotalMonths() < 12) {
            throw new IllegalArgumentException("ctims.audit.retention must be at least one year (P1Y), not " + retention);
        }
    }
}

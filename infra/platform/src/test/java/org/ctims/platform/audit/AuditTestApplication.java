package org.ctims.platform.audit;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/** Nothing but the platform: its migrations (the audit tables) in schema {@code audit_test}. */
@SpringBootConfiguration
@EnableAutoConfiguration
class AuditTestApplication {
}

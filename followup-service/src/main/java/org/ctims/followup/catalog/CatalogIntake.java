package org.ctims.followup.catalog;

import java.sql.Timestamp;
import java.util.function.Consumer;

import org.ctims.platform.events.CloudEvents;
import org.ctims.platform.events.Inbox;
import org.ctims.platform.events.RejectedEventException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The consumer of {@code certification.catalog.v1} (binding {@code catalog-in-0}, group
 * {@code followup}): an upsert per key, the newest {@code ce_time} wins, so the replica holds
 * each year's list (retired assessments as retired) however often the topic is replayed.
 */
@Component("catalog")
class CatalogIntake implements Consumer<Message<byte[]>> {

    static final String CONSUMER = "followup.catalog";

    private final JdbcClient jdbc;
    private final Inbox inbox;

    CatalogIntake(JdbcClient jdbc, Inbox inbox) {
        this.jdbc = jdbc;
        this.inbox = inbox;
    }

    @Override
    @Transactional
    public void accept(Message<byte[]> message) {
        String type = CloudEvents.type(message).orElseThrow(() -> new RejectedEventException("The event has no ce_type"));
        CatalogEvent event = CatalogEvent.parse(type, message.getPayload());
        Timestamp at = Timestamp.from(CloudEvents.requireTime(message));
        inbox.runOnce(CONSUMER, message, () -> {
            if (event instanceof CatalogEvent.Assessment a) {
                jdbc.sql("""
                        insert into catalog_assessment (school_year, number, name, clusters, retired, event_time)
                        values (?, ?, ?, string_to_array(?, ','), ?, ?)
                        on conflict (school_year, number) do update set name = excluded.name, clusters = excluded.clusters,
                               retired = excluded.retired, event_time = excluded.event_time
                        where catalog_assessment.event_time <= excluded.event_time""")
                        .params(a.schoolYear(), a.number(), a.name(), String.join(",", a.clusters()), a.retired(), at)
                        .update();
            } else if (event instanceof CatalogEvent.Cluster c) {
                jdbc.sql("""
                        insert into catalog_cluster (school_year, code, name, retired, event_time)
                        values (?, ?, ?, ?, ?)
                        on conflict (school_year, code) do update set name = excluded.name, retired = excluded.retired,
                               event_time = excluded.event_time
                        where catalog_cluster.event_time <= excluded.event_time""")
                        .params(c.schoolYear(), c.code(), c.name(), c.retired(), at)
                        .update();
            }
        });
    }

}

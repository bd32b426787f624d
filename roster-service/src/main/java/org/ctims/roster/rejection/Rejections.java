package org.ctims.roster.rejection;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Keeps every rejected record with its reason, so SIS operators and schools can see and fix them. */
@Service
public class Rejections {

    static final int EXCERPT_LENGTH = 500;

    private final JdbcClient jdbc;

    Rejections(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records a rejection in its own transaction (the record's own work is rolled back). The same
     * event rejected twice (redelivered, or replayed from the dead-letter topic) is kept once.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void record(RejectedRecord rejected) {
        String excerpt = rejected.payloadExcerpt();
        if (excerpt != null && excerpt.length() > EXCERPT_LENGTH) {
            excerpt = excerpt.substring(0, EXCERPT_LENGTH);
        }
        jdbc.sql("""
                insert into rejected_record (event_id, sis, school_sourced_id, school_pid, record_type, record_key, reason, payload_excerpt)
                values (:eventId, :sis, :school, (select pid from org where sis = :sis and sourced_id = :school), :type, :key, :reason, :excerpt)
                on conflict (event_id) do nothing""")
                .param("eventId", rejected.eventId()).param("sis", rejected.sis())
                .param("school", rejected.schoolSourcedId()).param("type", rejected.recordType())
                .param("key", rejected.recordKey()).param("reason", rejected.reason()).param("excerpt", excerpt)
                .update();
    }
}

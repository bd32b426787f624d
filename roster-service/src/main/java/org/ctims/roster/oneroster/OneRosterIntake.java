package org.ctims.roster.oneroster;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.ctims.platform.events.DatabaseOutage;
import org.ctims.platform.logging.PersonalData;
import org.ctims.roster.rejection.RejectedRecord;
import org.ctims.roster.rejection.Rejections;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;
import org.springframework.util.InvalidMimeTypeException;
import org.springframework.util.MimeType;

/**
 * The consumer of {@code sis.oneroster.v1} (binding {@code oneRoster-in-0}, group {@code roster},
 * batch mode): each poll arrives as one batch of OneRoster records, one per Kafka record, its type in
 * {@code ce_type}, the SIS in {@code ce_source}. Every record is validated on its own; an invalid one
 * is recorded as rejected and parked on {@code error.<destination>.roster} with its reason, and never
 * holds up its neighbours. The valid ones are applied together in one transaction
 * ({@link RosterIngest#applyBatch}). If that transaction fails, the batch is applied again record by
 * record, so the one record that cannot be processed is isolated: it is tried a few times and then
 * parked with its reason while the others are applied.
 */
@Component("oneRoster")
class OneRosterIntake implements Consumer<Message<List<byte[]>>> {

    private static final Logger log = LoggerFactory.getLogger(OneRosterIntake.class);
    /** Attempts for one record in the record-by-record fallback before it is parked. */
    static final int ATTEMPTS = 3;

    private final OneRosterParser parser = new OneRosterParser();
    private final RosterIngest ingest;
    private final Rejections rejections;
    private final DeadLetters deadLetters;
    private final TableStatistics statistics;

    OneRosterIntake(RosterIngest ingest, Rejections rejections, DeadLetters deadLetters, TableStatistics statistics) {
        this.ingest = ingest;
        this.rejections = rejections;
        this.deadLetters = deadLetters;
        this.statistics = statistics;
    }

    @Override
    public void accept(Message<List<byte[]>> batch) {
        List<InboundRecord> records = InboundRecord.of(batch);
        List<RosterIngest.Incoming> valid = new ArrayList<>(records.size());
        List<InboundRecord> validSources = new ArrayList<>(records.size());
        for (InboundRecord record : records) {
            parse(record).ifPresent(incoming -> {
                valid.add(incoming);
                validSources.add(record);
            });
        }
        if (valid.isEmpty()) {
            return;
        }
        long started = System.nanoTime();
        try {
            // a database outage is waited out: the poll is applied whole once it is back, nothing is parked for it
            DatabaseOutage.waitOut(() -> ingest.applyBatch(valid));
            log.debug("Applied a poll of {} OneRoster records ({} valid) in {} ms", records.size(), valid.size(),
                    (System.nanoTime() - started) / 1_000_000);
        } catch (RuntimeException batchFailed) {
            log.warn("A batch of {} OneRoster records failed as a whole ({}); applying them one by one", valid.size(),
                    PersonalData.redacted(batchFailed.toString()));
            for (int i = 0; i < valid.size(); i++) {
                applyAlone(valid.get(i), validSources.get(i));
            }
        }
        statistics.written(valid);
    }

    /** The record, validated; empty when it was rejected (recorded and parked). */
    private Optional<RosterIngest.Incoming> parse(InboundRecord message) {
        String sis = message.attribute("source").orElse(null);
        String type = message.attribute("type").orElse(null);
        Optional<String> eventId = message.attribute("id");
        try {
            checkContentType(message, type);
            OneRosterRecord record = parser.parse(sis, type, message.payload());
            if (eventId.isEmpty()) {
                throw new InvalidRecordException("The record has no CloudEvents id (ce_id header)", type,
                        record.header().sourcedId(), null);
            }
            return Optional.of(new RosterIngest.Incoming(eventId.get(), record));
        } catch (InvalidRecordException e) {
            String key = message.keyText().orElseGet(() -> e.sourcedId() == null ? null
                    : RecordType.ofCeType(type).map(t -> t.shortName() + ":" + e.sourcedId()).orElse(e.sourcedId()));
            // the reason (with the value it is about) is for the rejection list; the log gets it masked
            log.info("Rejected OneRoster record {} from {}: {}", PersonalData.redacted(key), sis, PersonalData.redacted(e.reason()));
            RejectedRecord rejected = new RejectedRecord(eventId.orElse(null), sis == null ? "unknown" : sis,
                    e.schoolSourcedId(), type, key, e.reason(), excerpt(message.payload()));
            DatabaseOutage.waitOut(() -> rejections.record(rejected));
            deadLetters.park(message, e.reason(), e.getClass());
            return Optional.empty();
        }
    }

    /** A record says it is JSON, or says nothing: any other (or unreadable) content type is rejected. */
    private static void checkContentType(InboundRecord message, String type) {
        Optional<String> contentType = message.header("content-type").or(() -> message.header("contentType"));
        if (contentType.isEmpty()) {
            return;
        }
        String text = contentType.get();
        MimeType mime;
        try {
            mime = MimeType.valueOf(text);
        } catch (InvalidMimeTypeException e) {
            throw new InvalidRecordException("The content-type header '" + text + "' is not a media type", type, null, null);
        }
        boolean json = "application".equals(mime.getType())
                && ("json".equals(mime.getSubtype()) || mime.getSubtype().endsWith("+json"));
        if (!json) {
            throw new InvalidRecordException("The content-type header '" + text + "' is not application/json", type, null, null);
        }
    }

    private void applyAlone(RosterIngest.Incoming incoming, InboundRecord source) {
        RuntimeException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                DatabaseOutage.waitOut(() -> ingest.apply(incoming.eventId(), incoming.record()));
                return;
            } catch (RuntimeException e) {
                last = e;
                pause(attempt);
            }
        }
        RecordHeader header = incoming.record().header();
        String reason = "Could not be processed after " + ATTEMPTS + " attempts: " + rootMessage(last);
        log.warn("Parking OneRoster record {} from {} ({}): {}", PersonalData.redacted(header.key()), header.sis(), source.position(),
                PersonalData.redacted(reason));
        try {
            rejections.record(new RejectedRecord(incoming.eventId(), header.sis(), null, header.type().ceType(),
                    header.key(), reason, excerpt(source.payload())));
        } catch (RuntimeException e) {
            log.warn("Could not list parked record {} as rejected: {}", PersonalData.redacted(header.key()),
                    PersonalData.redacted(e.toString()));
        }
        deadLetters.park(source, reason, last.getClass());
    }

    private static void pause(int attempt) {
        if (attempt >= ATTEMPTS) {
            return;
        }
        try {
            Thread.sleep(200L * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return String.valueOf(root.getMessage());
    }

    private static String excerpt(byte[] payload) {
        if (payload == null) {
            return null;
        }
        int length = Math.min(payload.length, 2_000);
        return new String(payload, 0, length, StandardCharsets.UTF_8);
    }
}

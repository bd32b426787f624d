package org.ctims.roster.enrollment;

import java.util.List;

import org.ctims.platform.events.OutgoingEvent;
import org.ctims.platform.events.Outbox;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Enrollment events, published through the platform outbox in the caller's transaction. */
@Component
class EnrollmentPublisher {

    private final Outbox outbox;
    private final String destination;

    EnrollmentPublisher(Outbox outbox, @Value("${ctims.roster.enrollments-topic}") String destination) {
        this.outbox = outbox;
        this.destination = destination;
    }

    /** The event of an added or changed enrollment, to be published with {@link #publishAll}. */
    OutgoingEvent recorded(EnrollmentFacts facts, String change) {
        return event(EnrollmentEvent.RECORDED, facts, change);
    }

    /** The event of a removed enrollment, to be published with {@link #publishAll}. */
    OutgoingEvent removed(EnrollmentFacts facts) {
        return event(EnrollmentEvent.REMOVED, facts, "removed");
    }

    /** Adds the events to the outbox, in this order, in the caller's transaction. */
    void publishAll(List<OutgoingEvent> events) {
        outbox.publishAll(destination, events);
    }

    private static OutgoingEvent event(String type, EnrollmentFacts facts, String change) {
        return OutgoingEvent.of(type, facts.stn(), EnrollmentEvent.of(facts, change)).withSubject(facts.organizationPid());
    }
}

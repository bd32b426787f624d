package org.ctims.roster.enrollment;

import org.ctims.platform.events.OutgoingEvent;
import org.ctims.platform.events.Outbox;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Publishes enrollment events through the platform outbox, in the caller's transaction. */
@Component
class EnrollmentPublisher {

    private final Outbox outbox;
    private final String destination;

    EnrollmentPublisher(Outbox outbox, @Value("${ctims.roster.enrollments-topic}") String destination) {
        this.outbox = outbox;
        this.destination = destination;
    }

    void recorded(EnrollmentFacts facts, String change) {
        publish(EnrollmentEvent.RECORDED, facts, change);
    }

    void removed(EnrollmentFacts facts) {
        publish(EnrollmentEvent.REMOVED, facts, "removed");
    }

    private void publish(String type, EnrollmentFacts facts, String change) {
        outbox.publish(destination, OutgoingEvent.of(type, facts.stn(), EnrollmentEvent.of(facts, change))
                .withSubject(facts.organizationPid()));
    }
}

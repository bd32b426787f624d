package org.ctims.followup.roster;

import java.util.function.Consumer;


import org.ctims.platform.events.CloudEvents;
import org.ctims.platform.events.RejectedEventException;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;

/**
 * The consumer of {@code roster.enrollments.v1} (binding {@code rosterEnrollments-in-0}, group
 * {@code followup}). Invalid events are rejected to {@code error.<topic>.followup}.
 */
@Component("rosterEnrollments")
class EnrollmentIntake implements Consumer<Message<byte[]>> {

    private final ReportRoster roster;

    EnrollmentIntake(ReportRoster roster) {
        this.roster = roster;
    }

    @Override
    public void accept(Message<byte[]> message) {
        String type = CloudEvents.type(message).orElseThrow(() -> new RejectedEventException("The event has no ce_type"));
        EnrollmentEvent event = EnrollmentEvent.parse(type, message.getPayload());
        roster.apply(message, CloudEvents.requireTime(message), event);
    }
}

package org.ctims.report.progress;

import org.ctims.platform.events.Outbox;
import org.ctims.platform.events.OutgoingEvent;
import org.ctims.report.names.Names;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.util.UUID;

/**
 * Announces completion progress on {@code report.progress.v1} through the outbox, in the
 * transaction of the consumed report event: when a newer report version changed a completion
 * flag, the figures of each of the student's teachers at the school, then the school's, and the
 * milestone when the school's follow-up just reached 100%. Each report version is announced at
 * most once, ever: a replay (rebuild) or a redelivered event announces nothing again.
 */
@Service
public class ProgressAnnouncements {

    private final ProgressRepository repository;
    private final Names names;
    private final Outbox outbox;
    private final String topic;

    ProgressAnnouncements(ProgressRepository repository, Names names, Outbox outbox,
                          @Value("${ctims.report.progress-topic}") String topic) {
        this.repository = repository;
        this.names = names;
        this.outbox = outbox;
        this.topic = topic;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void reportSaved(CompletionChange change) {
        if (!change.changed() || !repository.markAnnounced(change.reportId(), change.version())) {
            return;
        }
        String pid = change.organizationPid();
        repository.lockSchool(pid, change.schoolYear());
        String school = names.school(pid).orElse(null);
        for (ProgressRepository.Teacher teacher : repository.teachersOf(change.stn(), pid, change.schoolYear())) {
            Figures figures = repository.figures(new ProgressRepository.Scope(change.schoolYear(), pid, teacher.staffId()));
            publish(change, ProgressEvents.TEACHER_PROGRESS_CHANGED,
                    ProgressEvents.TeacherProgressChanged.of(change, school, teacher, figures));
        }
        Figures figures = repository.figures(new ProgressRepository.Scope(change.schoolYear(), pid, null));
        publish(change, ProgressEvents.SCHOOL_PROGRESS_CHANGED, ProgressEvents.SchoolProgressChanged.of(change, school, figures));
        if (change.followUpCompleted() && figures.followUpAllComplete()) {
            publish(change, ProgressEvents.SCHOOL_FOLLOW_UP_COMPLETED, new ProgressEvents.SchoolFollowUpCompleted(pid, school,
                    change.schoolYear(), figures.followUpApplicable(), figures.followUpComplete(), change.savedAt()));
        }
    }

    private void publish(CompletionChange change, String type, Object payload) {
        String pid = change.organizationPid();
        outbox.publish(topic, new OutgoingEvent(UUID.randomUUID(), type, null, pid, change.savedAt(), pid, payload));
    }
}

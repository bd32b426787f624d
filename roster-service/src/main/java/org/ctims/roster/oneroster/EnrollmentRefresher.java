package org.ctims.roster.oneroster;

import java.util.Set;

/**
 * What the intake tells the enrollment feature (implemented there, so this package does not
 * depend on it): which student enrollments a record touches, and to bring them up to date.
 */
public interface EnrollmentRefresher {

    /** The sourcedIds of the enrollments (of {@code header.sis()}) that depend on the record. */
    Set<String> affectedBy(RecordHeader header);

    /** Resolves these enrollments again and publishes what changed. */
    void refresh(String sis, Set<String> enrollmentSourcedIds);
}

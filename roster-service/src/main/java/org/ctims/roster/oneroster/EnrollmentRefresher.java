package org.ctims.roster.oneroster;

import java.util.Collection;
import java.util.Set;

/**
 * What the intake tells the enrollment feature (implemented there, so this package does not
 * depend on it): which student enrollments records touch, and to bring them up to date.
 */
public interface EnrollmentRefresher {

    /** The sourcedIds of the enrollments (of {@code sis}) that depend on these records of one type. */
    Set<String> affectedBy(String sis, RecordType type, Collection<String> sourcedIds);

    /** Resolves these enrollments again and publishes what changed. */
    void refresh(String sis, Set<String> enrollmentSourcedIds);
}

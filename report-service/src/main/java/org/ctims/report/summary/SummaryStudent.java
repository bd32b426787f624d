package org.ctims.report.summary;

import java.util.List;
import java.util.Set;

/**
 * One student of a summary, as the read models hold them.
 *
 * @param followUpApplies the roster's grade in the year is 12 (the follow-up section applies)
 * @param deceased        the report says so (the statuses are then locked and empty)
 * @param educationStatus the code, null while not answered (also when no report was saved)
 * @param certifications  the entries of the current report version
 * @param teachers        staff ids of the student's active enrollments at the school that year
 */
public record SummaryStudent(String stn, String name, boolean followUpApplies, boolean followUpComplete,
                             boolean certificateComplete, boolean deceased, String educationStatus,
                             String employmentStatus, List<Entry> certifications, Set<String> teachers) {

    public SummaryStudent {
        certifications = List.copyOf(certifications);
        teachers = Set.copyOf(teachers);
    }

    /** A certification entry; any field may be null while the entry is incomplete. */
    public record Entry(String assessmentNumber, String clusterCode, String result) {
    }
}

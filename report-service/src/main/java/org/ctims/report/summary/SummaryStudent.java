package org.ctims.report.summary;

import java.util.List;

/**
 * One student of a summary, as the read models hold them.
 *
 * @param followUpApplies the roster's grade in the year is 12 (the follow-up section applies)
 * @param educationStatus the code, null while not answered (also when no report was saved)
 * @param certifications  the entries of the current report version
 */
public record SummaryStudent(String stn, String name, boolean followUpApplies, boolean followUpComplete,
                             boolean certificateComplete, String educationStatus, String employmentStatus,
                             List<Entry> certifications) {

    public SummaryStudent {
        certifications = List.copyOf(certifications);
    }

    /** A certification entry; any field may be null while the entry is incomplete. */
    public record Entry(String assessmentNumber, String clusterCode, String result) {
    }
}

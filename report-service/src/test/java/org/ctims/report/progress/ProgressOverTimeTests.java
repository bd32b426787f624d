package org.ctims.report.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import org.ctims.report.progress.ProgressOverTime.Day;
import org.ctims.report.progress.ProgressRepository.DayChange;
import org.junit.jupiter.api.Test;

class ProgressOverTimeTests {

    static final LocalDate OCT_1 = LocalDate.parse("2019-10-01");

    /** +2 on Oct 1, a reopening (-1) and a completion (+1) on Oct 3, +1 on Oct 5. */
    static final List<DayChange> CHANGES = List.of(new DayChange(OCT_1, 2, 1, 2),
            new DayChange(OCT_1.plusDays(2), 0, -1, 2), new DayChange(OCT_1.plusDays(4), 1, 1, 1));

    @Test
    void everyDayFromTheFirstToTheLastSaveCarriesTheCountsAtItsEnd() {
        assertThat(ProgressOverTime.days(CHANGES, null, null)).containsExactly(
                new Day(OCT_1, 2, 1, 2), new Day(OCT_1.plusDays(1), 2, 1, 0), new Day(OCT_1.plusDays(2), 2, 0, 2),
                new Day(OCT_1.plusDays(3), 2, 0, 0), new Day(OCT_1.plusDays(4), 3, 1, 1));
    }

    @Test
    void aWindowCarriesInWhatCameBeforeIt() {
        assertThat(ProgressOverTime.days(CHANGES, OCT_1.plusDays(3), OCT_1.plusDays(6))).containsExactly(
                new Day(OCT_1.plusDays(3), 2, 0, 0), new Day(OCT_1.plusDays(4), 3, 1, 1),
                new Day(OCT_1.plusDays(5), 3, 1, 0), new Day(OCT_1.plusDays(6), 3, 1, 0));
        assertThat(ProgressOverTime.days(CHANGES, OCT_1.minusDays(1), OCT_1)).containsExactly(
                new Day(OCT_1.minusDays(1), 0, 0, 0), new Day(OCT_1, 2, 1, 2));
    }

    @Test
    void noSavesNoDaysUnlessAWindowIsAsked() {
        assertThat(ProgressOverTime.days(List.of(), null, null)).isEmpty();
        assertThat(ProgressOverTime.days(List.of(), OCT_1, OCT_1.plusDays(1))).containsExactly(
                new Day(OCT_1, 0, 0, 0), new Day(OCT_1.plusDays(1), 0, 0, 0));
    }
}

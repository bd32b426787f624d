package org.ctims.certification.imports;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.ctims.certification.catalog.Assessment;
import org.ctims.certification.catalog.ListedAssessment;

/**
 * What replacing a year's list with a new one changes.
 *
 * @param added numbers not on the current list (new, or retired earlier and back now)
 * @param changed on the current list with different content
 * @param retired on the current list but not on the new one
 * @param unchanged how many stay as they are
 */
record CatalogChanges(List<ListedAssessment> added, List<ListedAssessment> changed, List<Assessment> retired,
                      int unchanged) {

    static CatalogChanges between(List<Assessment> existing, List<ListedAssessment> listed) {
        Map<String, Assessment> byNumber = existing.stream()
                .collect(Collectors.toMap(Assessment::number, Function.identity()));
        List<ListedAssessment> added = new ArrayList<>();
        List<ListedAssessment> changed = new ArrayList<>();
        Set<String> onList = new HashSet<>();
        int unchanged = 0;
        for (ListedAssessment assessment : listed) {
            onList.add(assessment.number());
            Assessment current = byNumber.get(assessment.number());
            if (current == null || current.retired()) {
                added.add(assessment);
            }
            else if (!current.sameContentAs(assessment)) {
                changed.add(assessment);
            }
            else {
                unchanged++;
            }
        }
        List<Assessment> retired = existing.stream()
                .filter(a -> !a.retired() && !onList.contains(a.number()))
                .toList();
        return new CatalogChanges(List.copyOf(added), List.copyOf(changed), retired, unchanged);
    }

    /** Added ones that exist as retired rows and are updated rather than inserted. */
    List<ListedAssessment> reinstated(List<Assessment> existing) {
        Set<String> known = existing.stream().map(Assessment::number).collect(Collectors.toSet());
        return added.stream().filter(a -> known.contains(a.number())).toList();
    }

    List<ListedAssessment> brandNew(List<Assessment> existing) {
        Set<String> known = existing.stream().map(Assessment::number).collect(Collectors.toSet());
        return added.stream().filter(a -> !known.contains(a.number())).toList();
    }
}

package org.ctims.certification.search;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.ctims.certification.catalog.CareerCluster;
import org.ctims.certification.catalog.CatalogRepository;
import org.ctims.certification.catalog.SchoolYear;
import org.ctims.platform.web.NotFoundException;
import org.springframework.stereotype.Service;

/**
 * Searches a year's current list. Keeps one index per year in memory and rebuilds it when the
 * year's catalog version changed (every committed import bumps it), so every instance of the
 * service answers from the current list after one cheap version lookup.
 */
@Service
class AssessmentSearch {

    private final CatalogRepository catalog;
    private final Map<SchoolYear, SearchIndex> indexes = new ConcurrentHashMap<>();

    AssessmentSearch(CatalogRepository catalog) {
        this.catalog = catalog;
    }

    List<AssessmentView> search(SchoolYear year, String query, int limit) {
        long version = catalog.version(year).orElseThrow(() -> unknownYear(year));
        SearchIndex index = indexes.get(year);
        if (index == null || index.version() != version) {
            index = new SearchIndex(version, catalog.currentAssessments(year), catalog.clusters(year));
            indexes.put(year, index);
        }
        Map<String, CareerCluster> clusters = index.clusters();
        return index.search(query == null ? "" : query, limit).stream()
                .map(a -> AssessmentView.of(a, clusters)).toList();
    }

    static NotFoundException unknownYear(SchoolYear year) {
        return new NotFoundException("school year " + year);
    }
}

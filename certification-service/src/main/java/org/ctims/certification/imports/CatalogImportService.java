package org.ctims.certification.imports;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.ctims.certification.catalog.Assessment;
import org.ctims.certification.catalog.CareerCluster;
import org.ctims.certification.catalog.CatalogEvents;
import org.ctims.certification.catalog.CatalogProperties;
import org.ctims.certification.catalog.CatalogRepository;
import org.ctims.certification.catalog.InvalidRequestException;
import org.ctims.certification.catalog.ListedAssessment;
import org.ctims.certification.catalog.SchoolYear;
import org.ctims.platform.security.CurrentUser;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Previews and commits an uploaded Approved Assessment List for one school year. A commit
 * replaces the year's list in one transaction: new and changed assessments are published,
 * missing ones retired (never deleted), each change sent once through the outbox, the year's
 * catalog version bumped and the import recorded. An invalid list changes nothing.
 */
@Service
class CatalogImportService {

    private final CatalogRepository catalog;
    private final CatalogEvents events;
    private final ImportLog log;
    private final AssessmentListReader reader;
    private final Clock clock;

    CatalogImportService(CatalogRepository catalog, CatalogEvents events, ImportLog log, CatalogProperties properties) {
        this.catalog = catalog;
        this.events = events;
        this.log = log;
        this.reader = new AssessmentListReader(properties.imports().maxRows(), properties.imports().maxReportedErrors());
        this.clock = Clock.systemUTC();
    }

    /** What committing {@code file} would change; changes nothing. */
    @Transactional(readOnly = true)
    public ImportResult preview(SchoolYear year, Path file, String fileName) {
        boolean known = catalog.version(year).isPresent();
        List<CareerCluster> clusters = known ? catalog.clusters(year) : catalog.clusters(yearToCopyClustersFrom(year));
        ParsedList list = reader.read(file, clusters);
        List<Assessment> existing = known ? catalog.allAssessments(year) : List.of();
        return ImportResult.of(null, year.value(), fileName, false, list, CatalogChanges.between(existing, list.assessments()),
                clusterChanges(list, known ? catalog.allClusters(year) : List.of()));
    }

    /**
     * Replaces the year's list (and its clusters, if the file has a cluster sheet) with {@code file}'s.
     *
     * @throws InvalidListException if any row is invalid (nothing changes)
     */
    @Transactional
    public ImportResult commit(SchoolYear year, Path file, String fileName, CurrentUser user) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        boolean known = catalog.lockYear(year);
        List<CareerCluster> yearClusters = known ? catalog.clusters(year) : catalog.clusters(yearToCopyClustersFrom(year));
        ParsedList list = reader.read(file, yearClusters);
        if (!list.valid()) {
            throw new InvalidListException(list);
        }
        if (!known) {
            catalog.createYear(year);
            catalog.lockYear(year);
        }
        ClusterChanges clusterChanges = clusterChanges(list, catalog.allClusters(year));
        if (!known && !list.hasClusterSheet()) {
            // a year's first list without a cluster sheet: the year starts with the previous year's clusters
            clusterChanges = new ClusterChanges(yearClusters, List.of(), List.of(), 0);
        }
        applyClusters(year, clusterChanges, now);

        List<Assessment> existing = catalog.allAssessments(year);
        CatalogChanges changes = CatalogChanges.between(existing, list.assessments());
        catalog.insertAll(year, changes.brandNew(existing), now);
        catalog.updateAll(year, changes.reinstated(existing), now);
        catalog.updateAll(year, changes.changed(), now);
        catalog.retireAll(year, changes.retired(), now);
        for (ListedAssessment assessment : changes.added()) {
            events.published(year, assessment);
        }
        for (ListedAssessment assessment : changes.changed()) {
            events.published(year, assessment);
        }
        for (Assessment assessment : changes.retired()) {
            events.retired(assessment, now);
        }
        catalog.bumpVersion(year);
        long id = log.record(year, fileName, user.username(), user.displayName(), now, list.rowsRead(), changes);
        return ImportResult.of(id, year.value(), fileName, true, list, changes, clusterChanges);
    }

    private static ClusterChanges clusterChanges(ParsedList list, List<CatalogRepository.StoredCluster> existing) {
        return list.hasClusterSheet() ? ClusterChanges.between(existing, list.clusters()) : ClusterChanges.NONE;
    }

    private void applyClusters(SchoolYear year, ClusterChanges changes, Instant now) {
        for (CareerCluster cluster : changes.added()) {
            catalog.saveCluster(year, cluster);
            events.clusterPublished(year, cluster);
        }
        for (CareerCluster cluster : changes.changed()) {
            catalog.saveCluster(year, cluster);
            events.clusterPublished(year, cluster);
        }
        for (CareerCluster cluster : changes.retired()) {
            catalog.retireCluster(year, cluster.code(), now);
            events.clusterRetired(year, cluster, now);
        }
    }

    private SchoolYear yearToCopyClustersFrom(SchoolYear year) {
        int latestAllowed = currentStartYear() + 1;
        return catalog.latestYearBefore(year)
                .filter(previous -> year.startYear() <= latestAllowed)
                .orElseThrow(() -> new InvalidRequestException("year",
                        "Lists can be imported for school years from 2018-2019 to "
                                + SchoolYear.starting(latestAllowed) + "."));
    }

    /** A school year starts on July 1. */
    private int currentStartYear() {
        LocalDate today = LocalDate.now(clock);
        return today.getMonthValue() >= 7 ? today.getYear() : today.getYear() - 1;
    }
}

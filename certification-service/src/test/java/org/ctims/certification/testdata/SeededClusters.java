package org.ctims.certification.testdata;

import java.util.List;

import org.ctims.certification.catalog.CareerCluster;

/** The clusters V1__catalog.sql seeds for every year (kept equal by CatalogIntegrationTests). */
public final class SeededClusters {

    public static final List<CareerCluster> ALL = List.of(
            new CareerCluster("AC", "Architecture & Construction"),
            new CareerCluster("AG", "Agriculture, Food & Natural Resources"),
            new CareerCluster("AR", "Arts, Audio/Video Technology & Communications"),
            new CareerCluster("BA", "Business, Management & Administration"),
            new CareerCluster("ED", "Education & Training"),
            new CareerCluster("EN", "Energy"),
            new CareerCluster("FN", "Finance"),
            new CareerCluster("GV", "Government & Public Administration"),
            new CareerCluster("HL", "Health Science"),
            new CareerCluster("HT", "Hospitality & Tourism"),
            new CareerCluster("HU", "Human Services"),
            new CareerCluster("IT", "Information Technology"),
            new CareerCluster("LW", "Law, Public Safety, Corrections & Security"),
            new CareerCluster("MK", "Marketing"),
            new CareerCluster("MN", "Manufacturing"),
            new CareerCluster("ST", "Science, Technology, Engineering & Mathematics"),
            new CareerCluster("TD", "Transportation, Distribution & Logistics"));

    private SeededClusters() {
    }
}

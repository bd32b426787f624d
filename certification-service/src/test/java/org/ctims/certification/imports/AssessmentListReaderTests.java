package org.ctims.certification.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.ctims.certification.catalog.CareerCluster;
import org.ctims.certification.catalog.ListedAssessment;
import org.ctims.certification.testdata.AssessmentListWorkbook;
import org.ctims.certification.testdata.SeededClusters;
import org.ctims.platform.xlsx.UnreadableWorkbookException;
import org.ctims.platform.xlsx.UnsupportedFileException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AssessmentListReaderTests {

    @TempDir
    Path dir;

    private final AssessmentListReader reader = new AssessmentListReader(1000, 50);
    private final List<CareerCluster> clusters = SeededClusters.ALL;

    @Test
    void readsAStandardList() throws IOException {
        ParsedList list = read(AssessmentListWorkbook.standard()
                .row(7503, "Early Childhood Education (Pre-Pac)", "Pre-Pac", "Education & Training - ED", "since 2015")
                .row(7504, "Child Development Associate", "Council for Professional Recognition", "ED; HU", null));

        assertThat(list.valid()).isTrue();
        assertThat(list.rowsRead()).isEqualTo(2);
        assertThat(list.assessments()).containsExactly(
                new ListedAssessment(2, "7503", "Early Childhood Education (Pre-Pac)", "Pre-Pac", "since 2015", List.of("ED")),
                new ListedAssessment(3, "7504", "Child Development Associate", "Council for Professional Recognition", null,
                        List.of("ED", "HU")));
    }

    @Test
    void toleratesAMessyButValidList() throws IOException {
        ParsedList list = read(AssessmentListWorkbook.empty()
                .sheetBefore("Instructions")
                .row("Approved Assessments List 2019-2020")
                .row()
                .row("Notes", "Career Clusters", "Extra column", "  ASSESSMENT NAME ", "Vendor", "Assessment #")
                .blankRows(2)
                .row(null, "law, public safety, corrections & security , Agriculture, Food & Natural Resources", "x",
                        "  Criminal   Justice\u00A0Basics ", " NOCTI ", " 8101 ")
                .blankRows(1)
                .row("", "education and training", null, "Éducation Préscolaire", null, 8102)
                .row(null, "Finance | it", null, "Accounting", "NOCTI", "8103"));

        assertThat(list.errors()).isEmpty();
        assertThat(list.assessments()).extracting(ListedAssessment::row, ListedAssessment::number, ListedAssessment::name,
                        ListedAssessment::vendor, ListedAssessment::clusters)
                .containsExactly(
                        tuple(6, "8101", "Criminal Justice Basics", "NOCTI", List.of("LW", "AG")),
                        tuple(8, "8102", "Éducation Préscolaire", null, List.of("ED")),
                        tuple(9, "8103", "Accounting", "NOCTI", List.of("FN", "IT")));
    }

    @Test
    void listsEveryInvalidRowWithItsColumnAndReason() throws IOException {
        ParsedList list = read(AssessmentListWorkbook.standard()
                .row(7503, "Early Childhood Education", "Pre-Pac", "ED")
                .row(null, "No number", "Pre-Pac", "ED")
                .row(7503, "Duplicate number", "Pre-Pac", "ED")
                .row(7505, "Unknown cluster", "Pre-Pac", "ED, Space Exploration")
                .row(7506, "x".repeat(301), "Pre-Pac", "ED")
                .row(7507, null, "Pre-Pac", null)
                .row("75 08", "Bad number", "Pre-Pac", "ED"));

        assertThat(list.valid()).isFalse();
        assertThat(list.errorCount()).isEqualTo(7);
        assertThat(list.errors()).extracting(RowError::row, RowError::column).containsExactly(
                tuple(3, "Assessment Number"),
                tuple(4, "Assessment Number"),
                tuple(5, "Career Cluster"),
                tuple(6, "Assessment Name"),
                tuple(7, "Assessment Name"),
                tuple(7, "Career Cluster"),
                tuple(8, "Assessment Number"));
        assertThat(list.errors().get(1).reason()).contains("already on row 2");
        assertThat(list.errors().get(2).reason()).contains("'Space Exploration'");
        assertThat(list.errors().get(3).reason()).contains("longer than 300");
    }

    @Test
    void refusesAListWithoutItsRequiredColumns() throws IOException {
        ParsedList noClusters = read(AssessmentListWorkbook.empty().row("Assessment Number", "Assessment Name")
                .row(7503, "Early Childhood Education"));
        assertThat(noClusters.valid()).isFalse();
        assertThat(noClusters.errors()).extracting(RowError::row, RowError::column)
                .containsExactly(tuple(0, "Career Cluster"));

        ParsedList noHeader = read(AssessmentListWorkbook.empty().row("7503", "Early Childhood Education", "ED"));
        assertThat(noHeader.valid()).isFalse();
        assertThat(noHeader.errors().get(0).reason()).startsWith("No header row found");
    }

    @Test
    void capsTheListedErrorsButCountsThemAll() throws IOException {
        AssessmentListWorkbook workbook = AssessmentListWorkbook.standard();
        for (int i = 0; i < 80; i++) {
            workbook.row(1000 + i, "Name " + i, "Vendor", "Nowhere");
        }
        ParsedList list = read(workbook);
        assertThat(list.errorCount()).isEqualTo(80);
        assertThat(list.errors()).hasSize(50);
    }

    @Test
    void aClusterSheetReplacesTheYearsClustersForTheList() throws IOException {
        ParsedList list = read(AssessmentListWorkbook.standard()
                .row(7503, "Early Childhood Education", "Pre-Pac", "ED")
                .row(7504, "Solar Installer", "NABCEP", "Energy")
                .row(7505, "Advanced Welding", "AWS", "Advanced Manufacturing - AM")
                .clusterRow("Career clusters of 2025-2026")
                .clusterRow("Cluster Code", "Cluster Name")
                .clusterRow(" ed ", "Education & Training")
                .clusterRow("AM", "Advanced Manufacturing"));

        assertThat(list.clusters()).containsExactly(new CareerCluster("ED", "Education & Training"),
                new CareerCluster("AM", "Advanced Manufacturing"));
        assertThat(list.errors()).extracting(RowError::sheet, RowError::row, RowError::column)
                .containsExactly(tuple("Approved Assessments", 3, "Career Cluster")); // EN is not on the sheet
        assertThat(list.assessments()).extracting(ListedAssessment::clusters)
                .containsExactly(List.of("ED"), List.of("AM"));
    }

    @Test
    void listsInvalidRowsOfTheClusterSheet() throws IOException {
        ParsedList list = read(AssessmentListWorkbook.standard()
                .row(7503, "Early Childhood Education", "Pre-Pac", "ED")
                .clusterRow("Code", "Name")
                .clusterRow("ED", "Education & Training")
                .clusterRow("ed", "Duplicate")
                .clusterRow("TOO-LONG-CODE", "Bad code")
                .clusterRow("HU", null));
        assertThat(list.errors()).extracting(RowError::sheet, RowError::row, RowError::column).containsExactly(
                tuple("Career Clusters", 3, "Code"),
                tuple("Career Clusters", 4, "Code"),
                tuple("Career Clusters", 5, "Name"));
        assertThat(read(AssessmentListWorkbook.standard().row(7503, "Early", "Pre-Pac", "ED").clusterRow("Nothing here"))
                .errors()).extracting(RowError::reason).containsExactly("The cluster sheet needs a header row with Code and Name columns.",
                        "Unknown career cluster 'ED': not a cluster of the sheet 'Career Clusters'.");
    }

    @Test
    void refusesMoreRowsThanTheLimit() throws IOException {
        AssessmentListReader small = new AssessmentListReader(3, 50);
        AssessmentListWorkbook workbook = AssessmentListWorkbook.standard();
        for (int i = 0; i < 5; i++) {
            workbook.row(1000 + i, "Name " + i, "Vendor", "ED");
        }
        ParsedList list = small.read(write(workbook.bytes()), clusters);
        assertThat(list.valid()).isFalse();
        assertThat(list.errors().get(0).reason()).contains("more than 3 rows");
    }

    @Test
    void refusesFilesThatAreNotXlsxWorkbooks() throws IOException {
        assertThatThrownBy(() -> reader.read(write("number,name\n7503,Early".getBytes()), clusters))
                .isInstanceOf(UnsupportedFileException.class);
        assertThatThrownBy(() -> reader.read(write(AssessmentListWorkbook.standard().row(1, "a", "b", "ED").xlsBytes()), clusters))
                .isInstanceOf(UnsupportedFileException.class)
                .hasMessageContaining(".xls");
    }

    @Test
    void refusesPasswordProtectedCorruptAndZipBombWorkbooks() throws IOException {
        assertThatThrownBy(() -> reader.read(write(AssessmentListWorkbook.standard().row(1, "a", "b", "ED")
                .encryptedBytes("secret")), clusters))
                .isInstanceOfSatisfying(UnreadableWorkbookException.class, e -> assertThat(e.kind()).isEqualTo("encrypted-workbook"));
        assertThatThrownBy(() -> reader.read(write(AssessmentListWorkbook.truncated()), clusters))
                .isInstanceOfSatisfying(UnreadableWorkbookException.class, e -> assertThat(e.kind()).isEqualTo("corrupt-workbook"));
        byte[] bomb = AssessmentListWorkbook.zipBomb(50);
        assertThat(bomb.length).isLessThan(200_000);
        assertThatThrownBy(() -> reader.read(write(bomb), clusters))
                .isInstanceOfSatisfying(UnreadableWorkbookException.class, e -> assertThat(e.kind()).isEqualTo("suspicious-workbook"));
    }

    private ParsedList read(AssessmentListWorkbook workbook) throws IOException {
        return reader.read(write(workbook.bytes()), clusters);
    }

    private Path write(byte[] bytes) throws IOException {
        Path file = Files.createTempFile(dir, "list", ".xlsx");
        Files.write(file, bytes);
        return file;
    }
}

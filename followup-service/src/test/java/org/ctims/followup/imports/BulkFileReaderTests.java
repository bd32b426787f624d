package org.ctims.followup.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.ctims.platform.xlsx.UnreadableWorkbookException;
import org.ctims.platform.xlsx.UnsupportedFileException;
import org.ctims.testing.xlsx.HostileWorkbooks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BulkFileReaderTests {

    @TempDir
    Path dir;

    private final BulkFileReader reader = new BulkFileReader(3);

    @Test
    void readsColumnsByTheirHeaderInAnyOrderAndIgnoresOthers() throws IOException {
        BulkFile file = read(BulkWorkbook.with("Notes", "Title row of a survey")
                .row()
                .row("Student", "E-Mail", "stn", "Result 2", "Assessment 2", "Employment status", "Grade")
                .row("Rivera, Jamie", "jamie@example.org", "12345 67890", "Test passed", 7503, "unknown", 12)
                .row(null, null, null, null, null, null, null)
                .row("Lee, Sam", null, "0987654321", null, null, null, 11));
        assertThat(file.errors()).isEmpty();
        assertThat(file.rows()).extracting(BulkRow::row, BulkRow::stn).containsExactly(tuple(4, "1234567890"), tuple(6, "0987654321"));
        BulkRow first = file.rows().get(0);
        assertThat(first.cells()).containsEntry(BulkColumn.EMAIL, "jamie@example.org")
                .containsEntry(BulkColumn.EMPLOYMENT_STATUS, "unknown").hasSize(2);
        assertThat(first.entries()).containsOnlyKeys(2);
        assertThat(first.entries().get(2)).isEqualTo(new BulkRow.EntryCells("7503", null, "Test passed"));
        assertThat(file.rows().get(1).cells()).isEmpty();
        assertThat(file.header(BulkColumn.EMAIL)).isEqualTo("E-Mail");
        assertThat(file.header(BulkColumn.RESULT, 2)).isEqualTo("Result 2");
    }

    @Test
    void readsTextStoredAsInlineStringsLikeSharedStrings() throws IOException {
        BulkWorkbook workbook = BulkWorkbook.with("STN", "E-Mail", "Assessment 1", "Result 1")
                .row("1234567890", "jamie@example.org", "7503", "Test passed")
                .inlineStrings();
        BulkFile file = read(workbook);

        assertThat(file.errors()).isEmpty();
        assertThat(file.rows()).singleElement().satisfies(row -> {
            assertThat(row.stn()).isEqualTo("1234567890");
            assertThat(row.cells()).containsEntry(BulkColumn.EMAIL, "jamie@example.org");
            assertThat(row.entries().get(1)).isEqualTo(new BulkRow.EntryCells("7503", null, "Test passed"));
        });
    }

    @Test
    void rowsWithAMissingMalformedOrRepeatedStnAreErrorsAndNotRead() throws IOException {
        BulkFile file = new BulkFileReader(10).read(write(BulkWorkbook.with("STN", "Email")
                .row(null, "a@example.org")
                .row("123456789", "b@example.org")
                .row("1234567890", "c@example.org")
                .row("1234567890", "d@example.org").bytes()));
        assertThat(file.rows()).extracting(BulkRow::row).containsExactly(4);
        assertThat(file.errors()).extracting(RowError::row, RowError::column).containsExactly(
                tuple(2, "STN"), tuple(3, "STN"), tuple(5, "STN"));
        assertThat(file.errors().get(1).reason()).contains("10 digits", "format the column as Text");
        assertThat(file.errors().get(2).reason()).contains("already on row 4");
    }

    @Test
    void aFileWithoutAnStnColumnWithAColumnTwiceOrWithTooManyRowsIsRefusedAsAWhole() throws IOException {
        assertThatThrownBy(() -> read(BulkWorkbook.with("Student", "Email").row("x", "a@example.org")))
                .isInstanceOfSatisfying(InvalidImportFileException.class, e -> assertThat(e.getMessage()).contains("STN column"));
        assertThatThrownBy(() -> read(BulkWorkbook.with("STN", "Email", "e-mail")))
                .isInstanceOfSatisfying(InvalidImportFileException.class, e -> assertThat(e.getMessage()).contains("twice"));
        assertThatThrownBy(() -> read(BulkWorkbook.with("STN").row("1111111111").row("2222222222").row("3333333333").row("4444444444")))
                .isInstanceOfSatisfying(InvalidImportFileException.class, e -> assertThat(e.getMessage()).contains("more than 3"));
    }

    @Test
    void filesThatAreNotReadableWorkbooksAreRefused() throws IOException {
        byte[] valid = BulkWorkbook.with("STN").row("1111111111").bytes();
        assertThatThrownBy(() -> reader.read(write("STN\n1111111111\n".getBytes())))
                .isInstanceOf(UnsupportedFileException.class);
        assertThatThrownBy(() -> reader.read(write(HostileWorkbooks.encrypted(valid, "pw"))))
                .isInstanceOfSatisfying(UnreadableWorkbookException.class, e -> assertThat(e.kind()).isEqualTo("encrypted-workbook"));
        assertThatThrownBy(() -> reader.read(write(HostileWorkbooks.truncated(valid))))
                .isInstanceOfSatisfying(UnreadableWorkbookException.class, e -> assertThat(e.kind()).isEqualTo("corrupt-workbook"));
        assertThatThrownBy(() -> reader.read(write(HostileWorkbooks.zipBomb(valid, 10))))
                .isInstanceOfSatisfying(UnreadableWorkbookException.class, e -> assertThat(e.kind()).isEqualTo("suspicious-workbook"));
    }

    private BulkFile read(BulkWorkbook workbook) throws IOException {
        return reader.read(write(workbook.bytes()));
    }

    private Path write(byte[] bytes) throws IOException {
        Path file = Files.createTempFile(dir, "bulk", ".xlsx");
        Files.write(file, bytes);
        return file;
    }
}

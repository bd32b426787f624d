package org.ctims.roster.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class CsvReaderTests {

    static List<CsvReader.Row> read(String text) throws IOException {
        CsvReader reader = new CsvReader(new StringReader(text));
        List<CsvReader.Row> rows = new ArrayList<>();
        CsvReader.Row row;
        while ((row = reader.next()) != null) {
            rows.add(row);
        }
        return rows;
    }

    @Test
    void readsPlainAndQuotedFieldsWithTheirLineNumbers() throws IOException {
        List<CsvReader.Row> rows = read("\uFEFFa,b,c\r\n1,\"x, y\",\"say \"\"hi\"\"\"\r\n\"two\nlines\",,z\n4,5,6");
        assertThat(rows).extracting(CsvReader.Row::fields).containsExactly(List.of("a", "b", "c"),
                List.of("1", "x, y", "say \"hi\""), List.of("two\nlines", "", "z"), List.of("4", "5", "6"));
        assertThat(rows).extracting(CsvReader.Row::line).containsExactly(1, 2, 3, 5);
    }

    @Test
    void anUnclosedQuoteIsAnError() {
        assertThatThrownBy(() -> read("a,b\r\n1,\"open\r\n")).isInstanceOf(IOException.class).hasMessageContaining("line 2");
    }
}

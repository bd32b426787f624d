package org.ctims.report.export;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;

/**
 * Writes a {@link ReportDocument} as a PDF with Apache PDFBox: the title and "about" lines, then
 * each table under its title, columns sized to their content (numbers right-aligned), the header
 * repeated on every new page. US Letter, landscape when a table has many columns. Pages are
 * buffered in a temporary file rather than the heap. Text is set in Liberation Sans, embedded as
 * the subset the document uses ({@link PdfFonts}): Latin in all its European and Vietnamese forms,
 * Greek and Cyrillic print as they are; a character the font has no glyph for prints as "?".
 */
public final class PdfWriter {

    private static final float MARGIN = 40;
    private static final float BODY_SIZE = 9;
    private static final float MIN_SIZE = 5.5f;
    private static final float PADDING = 8;
    private static final int WIDE = 8;

    public void write(ReportDocument document, OutputStream out) throws IOException {
        try (PDDocument pdf = new PDDocument(IOUtils.createTempFileOnlyStreamCache())) {
            boolean landscape = document.tables().stream().anyMatch(t -> t.header().size() > WIDE);
            PDRectangle size = landscape ? new PDRectangle(PDRectangle.LETTER.getHeight(), PDRectangle.LETTER.getWidth())
                    : PDRectangle.LETTER;
            PdfFonts fonts = PdfFonts.load(pdf);
            Pages pages = new Pages(pdf, size, fonts);
            pages.line(document.title(), fonts.bold(), 14, 0);
            for (String[] line : document.about()) {
                pages.line(line[0] + ": " + line[1], fonts.regular(), 10, 0);
            }
            for (ReportDocument.Table table : document.tables()) {
                pages.gap(10);
                writeTable(pages, fonts, table);
            }
            pages.close();
            pdf.save(out);
        }
    }

    private static void writeTable(Pages pages, PdfFonts fonts, ReportDocument.Table table) throws IOException {
        int columns = table.header().size();
        float[] widths = new float[columns];
        for (int c = 0; c < columns; c++) {
            widths[c] = fonts.width(fonts.bold(), table.header().get(c)) * BODY_SIZE;
        }
        for (List<Object> row : table.rows()) {
            for (int c = 0; c < Math.min(columns, row.size()); c++) {
                widths[c] = Math.max(widths[c], fonts.width(fonts.regular(), cell(row.get(c))) * BODY_SIZE);
            }
        }
        float total = 0;
        for (float w : widths) {
            total += w + PADDING;
        }
        float available = pages.width();
        float fontSize = total <= available ? BODY_SIZE : Math.max(MIN_SIZE, BODY_SIZE * available / total);
        float scale = fontSize / BODY_SIZE;
        float[] x = new float[columns + 1];
        for (int c = 0; c < columns; c++) {
            x[c + 1] = x[c] + widths[c] * scale + PADDING;
        }
        pages.line(table.title(), fonts.bold(), 11, 0);
        List<Object> header = new ArrayList<>(table.header());
        pages.row(header, x, fonts.bold(), fontSize, header);
        for (List<Object> row : table.rows()) {
            pages.row(row, x, fonts.regular(), fontSize, header);
        }
    }

    private static String cell(Object value) {
        if (value == null) {
            return "";
        }
        return value instanceof BigDecimal d ? d.toPlainString() : value.toString();
    }

    /** The current page and the writing position, starting a new page when the next line does not fit. */
    private static final class Pages {

        private final PDDocument pdf;
        private final PDRectangle size;
        private final PdfFonts fonts;
        private PDPageContentStream content;
        private float y;

        Pages(PDDocument pdf, PDRectangle size, PdfFonts fonts) throws IOException {
            this.pdf = pdf;
            this.size = size;
            this.fonts = fonts;
            newPage();
        }

        float width() {
            return size.getWidth() - 2 * MARGIN;
        }

        private void newPage() throws IOException {
            if (content != null) {
                content.close();
            }
            PDPage page = new PDPage(size);
            pdf.addPage(page);
            content = new PDPageContentStream(pdf, page);
            y = size.getHeight() - MARGIN;
        }

        void gap(float points) {
            y -= points;
        }

        /** @return true when a new page had to be started first */
        private boolean room(float height) throws IOException {
            if (y - height < MARGIN) {
                newPage();
                return true;
            }
            return false;
        }

        void line(String text, PDFont font, float fontSize, float x) throws IOException {
            room(fontSize * 1.4f);
            y -= fontSize * 1.4f;
            show(fonts.printable(font, text), font, fontSize, MARGIN + x);
        }

        /** One table row; on a new page the header comes first. */
        void row(List<Object> cells, float[] x, PDFont font, float fontSize, List<Object> header) throws IOException {
            if (room(fontSize * 1.5f) && cells != header) {
                row(header, x, fonts.bold(), fontSize, header);
            }
            y -= fontSize * 1.5f;
            for (int c = 0; c < Math.min(cells.size(), x.length - 1); c++) {
                String value = fit(fonts.printable(font, cell(cells.get(c))), font, fontSize, x[c + 1] - x[c] - PADDING);
                float left = MARGIN + x[c];
                if (cells.get(c) instanceof Number) {
                    left = MARGIN + x[c + 1] - PADDING - font.getStringWidth(value) / 1000 * fontSize;
                }
                show(value, font, fontSize, left);
            }
        }

        private static String fit(String value, PDFont font, float fontSize, float width) throws IOException {
            String shown = value;
            while (!shown.isEmpty() && font.getStringWidth(shown) / 1000 * fontSize > width + 0.01f) {
                shown = shown.substring(0, shown.offsetByCodePoints(shown.length(), -1));
            }
            return shown;
        }

        private void show(String text, PDFont font, float fontSize, float x) throws IOException {
            content.beginText();
            content.setFont(font, fontSize);
            content.newLineAtOffset(x, y);
            content.showText(text);
            content.endText();
        }

        void close() throws IOException {
            content.close();
        }
    }
}

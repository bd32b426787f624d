package org.ctims.report.export;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.HashMap;
import java.util.Map;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * The two faces a report PDF is set in, Liberation Sans regular and bold (SIL Open Font License,
 * from the {@code openpdf-fonts-extra} jar), embedded in the document as the subset it uses, so
 * names print as the roster spells them. What the font has no glyph for (Chinese, Arabic, emoji …)
 * prints as "?"; the JSON and the workbook carry the exact text.
 */
final class PdfFonts {

    private static final String REGULAR = "/liberation/LiberationSans-Regular.ttf";
    private static final String BOLD = "/liberation/LiberationSans-Bold.ttf";

    private final PDFont regular;
    private final PDFont bold;
    /** Per font, whether it has a glyph for a code point: asked once each, the answer is an exception. */
    private final Map<PDFont, Map<Integer, Boolean>> glyphs = new HashMap<>();

    private PdfFonts(PDFont regular, PDFont bold) {
        this.regular = regular;
        this.bold = bold;
    }

    /** Fonts belong to one document: load them for each. */
    static PdfFonts load(PDDocument document) {
        return new PdfFonts(face(document, REGULAR), face(document, BOLD));
    }

    private static PDFont face(PDDocument document, String resource) {
        try (InputStream file = PdfFonts.class.getResourceAsStream(resource)) {
            if (file == null) {
                throw new IllegalStateException("the PDF font " + resource + " is not on the class path");
            }
            return PDType0Font.load(document, file, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the PDF font " + resource, e);
        }
    }

    PDFont regular() {
        return regular;
    }

    PDFont bold() {
        return bold;
    }

    /** The text as the font can show it: composed where it can be, control characters and characters without a glyph as "?". */
    String printable(PDFont font, String text) {
        String composed = Normalizer.normalize(text, Normalizer.Form.NFC);
        Map<Integer, Boolean> known = glyphs.computeIfAbsent(font, f -> new HashMap<>());
        StringBuilder out = new StringBuilder(composed.length());
        composed.codePoints().forEach(cp -> {
            boolean shown = !Character.isISOControl(cp) && known.computeIfAbsent(cp, c -> hasGlyph(font, c));
            out.appendCodePoint(shown ? cp : '?');
        });
        return out.toString();
    }

    /** The width of the printable text at a font size of 1. */
    float width(PDFont font, String text) throws IOException {
        return font.getStringWidth(printable(font, text)) / 1000;
    }

    private static boolean hasGlyph(PDFont font, int codePoint) {
        try {
            font.encode(new String(Character.toChars(codePoint)));
            return true;
        } catch (IllegalArgumentException | IOException noGlyph) {
            return false;
        }
    }
}

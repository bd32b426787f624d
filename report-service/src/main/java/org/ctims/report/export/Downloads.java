package org.ctims.report.export;

import java.util.Locale;
import java.util.function.Supplier;

import org.ctims.platform.web.NotFoundException;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The HTTP answer of a report download: the file is written straight to the response (nothing is
 * buffered in full first), as an attachment named {@code <fileName>.xlsx} or {@code .pdf}.
 * Parameters and access are checked before this is called, so errors are still problem details.
 */
public final class Downloads {

    public static final MediaType XLSX =
            MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private Downloads() {
    }

    /**
     * The document as {@code format} ({@code xlsx} or {@code pdf}); any other format is 404 before
     * the document is built.
     */
    public static ResponseEntity<StreamingResponseBody> as(String format, Supplier<ReportDocument> document) {
        return switch (format) {
            case "xlsx" -> xlsx(document.get());
            case "pdf" -> pdf(document.get());
            default -> throw new NotFoundException("A download other than .xlsx or .pdf");
        };
    }

    public static ResponseEntity<StreamingResponseBody> xlsx(ReportDocument document) {
        return attachment(document.fileName() + ".xlsx", XLSX, out -> new XlsxWriter().write(document, out));
    }

    /** A workbook written by {@code body} (e.g. while rows are read from the database), named {@code fileName}.xlsx. */
    public static ResponseEntity<StreamingResponseBody> xlsx(String fileName, StreamingResponseBody body) {
        return attachment(fileName + ".xlsx", XLSX, body);
    }

    public static ResponseEntity<StreamingResponseBody> pdf(ReportDocument document) {
        return attachment(document.fileName() + ".pdf", MediaType.APPLICATION_PDF, out -> new PdfWriter().write(document, out));
    }

    private static ResponseEntity<StreamingResponseBody> attachment(String fileName, MediaType type, StreamingResponseBody body) {
        String safe = fileName.replaceAll("[^A-Za-z0-9._-]", "-").toLowerCase(Locale.ROOT);
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(safe).build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .contentType(type)
                .body(body);
    }
}

package org.ctims.platform.xlsx;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.poifs.filesystem.FileMagic;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler.SheetContentsHandler;
import org.apache.poi.xssf.model.SharedStrings;
import org.apache.poi.xssf.model.StylesTable;
import org.xml.sax.InputSource;
import org.xml.sax.XMLReader;

/**
 * An uploaded .xlsx read safely in streaming mode (POI's SAX event API): only the rows a handler
 * keeps take memory. Opening checks what the file really is, whatever its name says: an old .xls
 * or any other file is refused with {@link UnsupportedFileException} (415), a password-protected,
 * damaged or zip-bomb workbook with {@link UnreadableWorkbookException} (422). POI's zip-bomb
 * guard ({@code ZipSecureFile}: an entry expanding more than 100 times its compressed size) stays
 * at its default; the upload size limit and the callers' row limits bound the rest. Cells are read
 * whichever way the writing tool stored their text (shared or inline strings, with or without
 * cell references).
 *
 * <p>Needs {@code org.apache.poi:poi-ooxml} on the service's class path (an optional dependency
 * of the platform).
 */
public final class XlsxUpload implements AutoCloseable {

    private final OPCPackage pkg;
    private final XSSFReader reader;
    private final SharedStrings strings;
    private final StylesTable styles;
    private final List<String> sheetNames;

    private XlsxUpload(OPCPackage pkg, XSSFReader reader, SharedStrings strings, StylesTable styles, List<String> sheetNames) {
        this.pkg = pkg;
        this.reader = reader;
        this.strings = strings;
        this.styles = styles;
        this.sheetNames = sheetNames;
    }

    /**
     * @throws UnsupportedFileException if the file is not an .xlsx workbook
     * @throws UnreadableWorkbookException if it is encrypted, corrupt or a zip bomb
     */
    public static XlsxUpload open(Path file) {
        checkFormat(file);
        OPCPackage pkg = null;
        try {
            pkg = OPCPackage.open(file.toFile(), PackageAccess.READ);
            XSSFReader reader;
            try {
                reader = new XSSFReader(pkg);
            }
            catch (RuntimeException | OpenXML4JException e) {
                throw new UnsupportedFileException("The file is an Office document but not an Excel workbook.");
            }
            List<String> names = new ArrayList<>();
            XSSFReader.SheetIterator sheets = reader.getSheetIterator();
            while (sheets.hasNext()) {
                try (InputStream ignored = sheets.next()) {
                    names.add(sheets.getSheetName());
                }
            }
            return new XlsxUpload(pkg, reader, reader.getSharedStringsTable(), reader.getStylesTable(), List.copyOf(names));
        }
        catch (Exception e) {
            if (pkg != null) {
                pkg.revert();
            }
            throw e instanceof UnsupportedFileException || e instanceof UnreadableWorkbookException
                    ? (RuntimeException) e : unreadable(e);
        }
    }

    /** The workbook's sheets in their order. */
    public List<String> sheetNames() {
        return sheetNames;
    }

    /**
     * Streams one sheet's cells (formatted as Excel shows them, US locale) to {@code handler}. The
     * handler may throw {@link StopReading} to end the sheet early.
     *
     * @throws UnreadableWorkbookException if the sheet is damaged or expands like a zip bomb
     */
    public void read(String sheetName, SheetContentsHandler handler) {
        try {
            XSSFReader.SheetIterator sheets = reader.getSheetIterator();
            while (sheets.hasNext()) {
                try (InputStream data = sheets.next()) {
                    if (sheets.getSheetName().equals(sheetName)) {
                        XMLReader parser = new SheetXmlFilter(XMLHelper.newXMLReader());
                        parser.setContentHandler(new XSSFSheetXMLHandler(styles, strings, handler, new DataFormatter(Locale.US), false));
                        parser.parse(new InputSource(data));
                        return;
                    }
                }
            }
            throw new IllegalArgumentException("No sheet '" + sheetName + "'");
        }
        catch (StopReading stop) {
            // the handler has read enough of this sheet
        }
        catch (IllegalArgumentException e) {
            throw e;
        }
        catch (Exception e) {
            throw unreadable(e);
        }
    }

    @Override
    public void close() {
        pkg.revert();
    }

    /** Thrown by a handler to end the sheet being read. */
    public static final class StopReading extends RuntimeException {

        public StopReading() {
            super(null, null, false, false);
        }
    }

    private static void checkFormat(Path file) {
        FileMagic magic;
        try {
            if (Files.size(file) == 0) {
                throw new UnsupportedFileException("The file is empty. Choose the .xlsx workbook and upload it again.");
            }
        }
        catch (IOException e) {
            throw UnreadableWorkbookException.corrupt();
        }
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            magic = FileMagic.valueOf(in);
        }
        catch (IOException e) {
            throw UnreadableWorkbookException.corrupt();
        }
        if (magic == FileMagic.OOXML) {
            return;
        }
        if (magic == FileMagic.OLE2) {
            // an encrypted .xlsx is an OLE2 container holding EncryptionInfo; otherwise an old .xls
            try (POIFSFileSystem fs = new POIFSFileSystem(file.toFile(), true)) {
                if (fs.getRoot().hasEntry("EncryptionInfo")) {
                    throw UnreadableWorkbookException.encrypted();
                }
            }
            catch (IOException | RuntimeException e) {
                if (e instanceof UnreadableWorkbookException unreadable) {
                    throw unreadable;
                }
                throw UnreadableWorkbookException.corrupt();
            }
            throw new UnsupportedFileException("The file is an old-style .xls workbook. Save it as .xlsx and upload it again.");
        }
        throw new UnsupportedFileException("The file is not an Excel workbook (.xlsx).");
    }

    private static UnreadableWorkbookException unreadable(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            String message = cause.getMessage();
            if (message != null && message.toLowerCase(Locale.ROOT).contains("zip bomb")) {
                return UnreadableWorkbookException.zipBomb();
            }
        }
        return UnreadableWorkbookException.corrupt();
    }
}

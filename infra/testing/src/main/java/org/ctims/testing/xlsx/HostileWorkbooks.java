package org.ctims.testing.xlsx;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Collections;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import org.apache.poi.poifs.crypt.EncryptionInfo;
import org.apache.poi.poifs.crypt.EncryptionMode;
import org.apache.poi.poifs.crypt.Encryptor;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;

/**
 * Workbooks an upload must refuse, made from a valid .xlsx in the test (no binary fixtures):
 * password-protected, cut off, or a zip bomb.
 */
public final class HostileWorkbooks {

    private HostileWorkbooks() {
    }

    /** The workbook encrypted with a password, as Excel does. */
    public static byte[] encrypted(byte[] xlsx, String password) {
        try (POIFSFileSystem fs = new POIFSFileSystem()) {
            Encryptor encryptor = new EncryptionInfo(EncryptionMode.standard).getEncryptor();
            encryptor.confirmPassword(password);
            try (OutputStream out = encryptor.getDataStream(fs)) {
                out.write(xlsx);
            }
            ByteArrayOutputStream result = new ByteArrayOutputStream();
            fs.writeFilesystem(result);
            return result.toByteArray();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first half of the workbook: it starts like an .xlsx (a zip) but is cut off. */
    public static byte[] truncated(byte[] xlsx) {
        return Arrays.copyOf(xlsx, xlsx.length / 2);
    }

    /**
     * The workbook with {@code megabytes} of blanks inside each worksheet: a few dozen kilobytes
     * on the wire, a zip bomb for a reader that is not guarded.
     */
    public static byte[] zipBomb(byte[] xlsx, int megabytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            Path source = Files.createTempFile("valid", ".xlsx");
            try {
                Files.write(source, xlsx);
                try (ZipFile in = new ZipFile(source.toFile()); ZipOutputStream zip = new ZipOutputStream(out)) {
                    byte[] blanks = new byte[1024 * 1024];
                    Arrays.fill(blanks, (byte) ' ');
                    for (ZipEntry entry : Collections.list(in.entries())) {
                        zip.putNextEntry(new ZipEntry(entry.getName()));
                        byte[] content;
                        try (InputStream data = in.getInputStream(entry)) {
                            content = data.readAllBytes();
                        }
                        if (entry.getName().startsWith("xl/worksheets/")) {
                            String xml = new String(content, StandardCharsets.UTF_8);
                            int end = xml.indexOf("</worksheet>");
                            zip.write(xml.substring(0, end).getBytes(StandardCharsets.UTF_8));
                            for (int i = 0; i < megabytes; i++) {
                                zip.write(blanks);
                            }
                            zip.write(xml.substring(end).getBytes(StandardCharsets.UTF_8));
                        }
                        else {
                            zip.write(content);
                        }
                        zip.closeEntry();
                    }
                }
            }
            finally {
                Files.delete(source);
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}

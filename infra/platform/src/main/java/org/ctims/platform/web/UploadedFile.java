package org.ctims.platform.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.springframework.web.multipart.MultipartFile;

/**
 * A multipart upload copied to a temporary file, which {@link #close()} deletes: readers that
 * need random access (a zip, an .xlsx) get a {@link #path()}, logs and answers a clean
 * {@link #name()} (no folders, at most 255 characters).
 */
public final class UploadedFile implements AutoCloseable {

    private final Path path;
    private final String name;

    private UploadedFile(Path path, String name) {
        this.path = path;
        this.name = name;
    }

    /**
     * @param maxBytes larger uploads are refused before anything is copied
     * @throws PayloadTooLargeException if the upload is larger than {@code maxBytes}
     */
    public static UploadedFile copy(MultipartFile file, long maxBytes, String defaultName) {
        if (file.getSize() > maxBytes) {
            throw new PayloadTooLargeException(maxBytes);
        }
        String name = name(file.getOriginalFilename(), defaultName);
        try {
            Path copy = Files.createTempFile("ctims-upload-", ".tmp");
            try (InputStream in = file.getInputStream()) {
                Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
            }
            catch (IOException | RuntimeException e) {
                Files.deleteIfExists(copy);
                throw e;
            }
            return new UploadedFile(copy, name);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path path() {
        return path;
    }

    /** The file's name as the client gave it, without folders; {@code defaultName} when it gave none. */
    public String name() {
        return name;
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(path);
        }
        catch (IOException e) {
            path.toFile().deleteOnExit();
        }
    }

    private static String name(String original, String defaultName) {
        if (original == null || original.isBlank()) {
            return defaultName;
        }
        String name = original.substring(Math.max(original.lastIndexOf('/'), original.lastIndexOf('\\')) + 1).strip();
        if (name.isEmpty()) {
            return defaultName;
        }
        return name.length() > 255 ? name.substring(0, 255) : name;
    }
}

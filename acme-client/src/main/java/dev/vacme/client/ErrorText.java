package dev.vacme.client;

import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Turns a caught exception into words for the operator. The JDK's file exceptions carry only the
 * path in their message ("cannot save the account key in DIR: DIR/accounts" says nothing), and
 * library messages may name Java classes; this keeps the cause and drops the Java.
 */
public final class ErrorText {

    /** Fully qualified or bare Java exception class names, as libraries put them in messages. */
    private static final Pattern CLASS_NAME = Pattern.compile(
            "\\b(?:[a-z][a-z0-9_]*\\.)*[A-Z][A-Za-z0-9_$]*(?:Exception|Error)\\b:?\\s*");

    private ErrorText() {
    }

    /** Returns what went wrong, in words: the file and the reason for file errors, else the message. */
    public static String of(Throwable failure) {
        if (failure instanceof VacmeException) {
            return failure.getMessage();
        }
        if (failure instanceof UncheckedIOException unchecked && unchecked.getCause() != null) {
            return of(unchecked.getCause());
        }
        if (failure instanceof FileSystemException file) {
            return describe(file);
        }
        String message = withoutClassNames(failure.getMessage());
        if (message.isEmpty() && failure.getCause() != null && failure.getCause() != failure) {
            return of(failure.getCause());
        }
        return message.isEmpty() ? "unexpected error" : message;
    }

    /** Returns a library's message without the Java class names it may contain (empty for null). */
    public static String withoutClassNames(String message) {
        return message == null ? "" : CLASS_NAME.matcher(message).replaceAll("").strip();
    }

    private static String describe(FileSystemException failure) {
        String where = failure.getFile() == null ? "" : failure.getFile()
                + (failure.getOtherFile() == null ? "" : " -> " + failure.getOtherFile()) + ": ";
        return where + reason(failure);
    }

    private static String reason(FileSystemException failure) {
        String reason = failure.getReason();
        if (reason != null && !reason.isBlank()) {
            return reason.substring(0, 1).toLowerCase(Locale.ROOT) + reason.substring(1);
        }
        if (failure instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (failure instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (failure instanceof NotDirectoryException) {
            return "not a directory";
        }
        if (failure instanceof FileAlreadyExistsException) {
            // Files.createDirectories says so when a path it needs as a directory is a file.
            Path file = failure.getFile() == null ? null : Path.of(failure.getFile());
            return file != null && Files.exists(file) && !Files.isDirectory(file)
                    ? "exists and is not a directory" : "already exists";
        }
        if (failure instanceof DirectoryNotEmptyException) {
            return "directory not empty";
        }
        return "cannot be accessed";
    }
}

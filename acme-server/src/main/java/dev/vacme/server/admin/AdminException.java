package dev.vacme.server.admin;

/** A failed admin command: its one-line message for the operator and the exit code it ends with. */
final class AdminException extends RuntimeException {

    private final int exitCode;

    AdminException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}

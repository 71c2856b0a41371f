package dev.vacme.client;

/** The command line asks for something impossible or incomplete; exit code 2. */
public class UsageException extends VacmeException {

    /** Creates the exception with a message that says what to change on the command line. */
    public UsageException(String message) {
        super(message);
    }
}

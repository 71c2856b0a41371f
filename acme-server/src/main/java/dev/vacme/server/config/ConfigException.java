package dev.vacme.server.config;

/** Bad configuration: the message is the one line the operator sees before the server exits with 2. */
public class ConfigException extends RuntimeException {

    /** Creates the exception. */
    public ConfigException(String message) {
        super(message);
    }

    /** Creates the exception with a cause. */
    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}

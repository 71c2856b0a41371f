package dev.vacme.client.deploy.nginx;

import dev.vacme.client.VacmeException;

/**
 * nginx could not be configured as asked: its configuration cannot be read or parsed, no server
 * block serves a name, the config test or the reload failed. The message is one line meant for the
 * operator (the config test's own output may follow on further lines).
 */
public class NginxException extends VacmeException {

    /** Creates the exception with a message meant for the operator. */
    public NginxException(String message) {
        super(message);
    }

    /** Creates the exception with a message meant for the operator and its cause. */
    public NginxException(String message, Throwable cause) {
        super(message, cause);
    }
}

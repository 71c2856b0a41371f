package dev.vacme.client.deploy.apache;

import dev.vacme.client.VacmeException;

/** Apache's configuration cannot be read, changed, tested or reloaded as vacme needs. */
public class ApacheConfigException extends VacmeException {

    /** Creates the exception with a message meant for the operator. */
    public ApacheConfigException(String message) {
        super(message);
    }

    /** Creates the exception with a message meant for the operator and its cause. */
    public ApacheConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}

package dev.vacme.server.ca;

import java.nio.file.Path;

/**
 * Turns what SunPKCS11 throws into one line an operator can act on. The provider's exceptions
 * carry the PKCS#11 return value (e.g. {@code CKR_PIN_INCORRECT}) in their message; its own
 * classes are internal to the JDK, so only the messages are read.
 */
final class Pkcs11Errors {

    private Pkcs11Errors() {
    }

    /** A configuration the provider refused: a bad file, a missing library, no such slot. */
    static CaException configuring(Path configFile, RuntimeException error) {
        String reason = reason(error);
        String where = " (pkcs11-config " + configFile + ")";
        if (reason.startsWith("Library ") && reason.endsWith(" does not exist")) {
            return new CaException("the PKCS#11 library " + reason.substring("Library ".length(),
                    reason.length() - " does not exist".length()) + " does not exist" + where
                    + ": install it or correct 'library'", error);
        }
        if (reason.contains("CKR_SLOT_ID_INVALID") || reason.contains("CKR_TOKEN_NOT_PRESENT")
                || reason.startsWith("slotListIndex is ")) {
            return new CaException("no PKCS#11 token at the slot named" + where + ": " + reason
                    + "; list the slots (softhsm2-util --show-slots, pkcs11-tool -L) and correct 'slot' or "
                    + "'slotListIndex'", error);
        }
        if (reason.contains("ELF") || reason.contains("cannot open shared object")) {
            return new CaException("cannot load the PKCS#11 library" + where + ": " + reason, error);
        }
        return new CaException("cannot use the PKCS#11 configuration" + where + ": " + reason, error);
    }

    /** A failed login: the PIN is wrong or locked, or the slot holds no usable token. */
    static CaException loggingIn(String token, Path configFile, Exception error) {
        String reason = reason(error);
        String pin = " (pkcs11-pin-file or " + CaKeySettings.Pkcs11.PIN_VARIABLE + ")";
        if (reason.contains("CKR_PIN_INCORRECT")) {
            return new CaException("wrong PIN for PKCS#11 token '" + token + "'" + pin, error);
        }
        if (reason.contains("CKR_PIN_LOCKED")) {
            return new CaException("the PIN of PKCS#11 token '" + token + "' is locked after too many wrong tries; "
                    + "the security officer must reset it", error);
        }
        if (reason.contains("CKR_USER_PIN_NOT_INITIALIZED") || reason.contains("CKR_TOKEN_NOT_RECOGNIZED")
                || reason.contains("CKR_TOKEN_NOT_PRESENT")) {
            return new CaException("no initialised PKCS#11 token at the slot named in " + configFile
                    + " (pkcs11-config): " + reason + "; initialise the token or correct 'slot' or 'slotListIndex'",
                    error);
        }
        return new CaException("cannot log in to PKCS#11 token '" + token + "' (pkcs11-config " + configFile + "): "
                + reason, error);
    }

    /** The most telling message in a chain of causes: a PKCS#11 return value when there is one. */
    static String reason(Throwable error) {
        String last = null;
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            String message = cause.getMessage();
            if (message != null && message.startsWith("CKR_")) {
                return message;
            }
            if (message != null && !message.isBlank()) {
                last = message;
            }
        }
        return last == null ? "unknown error" : last.lines().findFirst().orElse(last);
    }
}

package dev.vacme.server.logging;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.FileAppender;
import java.util.Iterator;
import org.slf4j.LoggerFactory;

/**
 * Reopens the files Logback writes to, for logrotate: after the rotation renamed the file, the
 * appender still writes to the renamed one until it opens its path again. Only plain file
 * appenders an operator configured (with {@code -Dlogback.configurationFile}) are reopened;
 * Logback's rolling appenders rotate by themselves.
 */
public final class LogFiles {

    private LogFiles() {
    }

    /** Stops and starts every file appender, which reopens its file for appending. */
    public static void reopen() {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        for (Logger logger : context.getLoggerList()) {
            for (Iterator<Appender<ILoggingEvent>> it = logger.iteratorForAppenders(); it.hasNext(); ) {
                if (it.next() instanceof FileAppender<ILoggingEvent> file
                        && file.getClass() == FileAppender.class && file.isStarted()) {
                    file.stop();
                    file.start();
                }
            }
        }
    }
}

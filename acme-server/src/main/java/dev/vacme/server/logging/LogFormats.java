package dev.vacme.server.logging;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import dev.vacme.server.config.ServerConfig.LogFormat;
import java.util.Iterator;
import org.slf4j.LoggerFactory;

/** Switches the server's log appenders to the format of {@code --log-format}. */
public final class LogFormats {

    private LogFormats() {
    }

    /**
     * Applies {@code format}: for {@code json}, every appender of the root logger (standard error,
     * and any file appender an operator configured) writes JSON lines; {@code text} keeps the
     * configured patterns.
     */
    public static void apply(LogFormat format) {
        if (format != LogFormat.JSON || !(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
            if (it.next() instanceof OutputStreamAppender<ILoggingEvent> appender) {
                JsonLineEncoder encoder = new JsonLineEncoder();
                encoder.setContext(context);
                encoder.start();
                appender.stop();
                appender.setEncoder(encoder);
                appender.start();
            }
        }
    }
}

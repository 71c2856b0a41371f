package dev.vacme.server.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import org.slf4j.Marker;

/**
 * Logback filter that lets a warning or error from a library (Netty, Vert.x: e.g. the accept loop
 * failing every second once the process is out of file handles) through once per interval for
 * each logger and message pattern, and then says how many similar lines it held back. The
 * server's own loggers ({@code dev.vacme}) are left alone: where their lines can repeat they use a
 * {@link LogLimiter} with a message of their own, and other lines (an incident id a client was
 * given) must never be dropped.
 */
public final class RepeatedLineFilter extends TurboFilter {

    private static final String OWN = "dev.vacme";
    private static final String SUMMARY_LOGGER = "dev.vacme.server.logging";
    private static final int MAX_PATTERNS = 256;

    private Duration interval = Duration.ofSeconds(10);
    private final Map<String, LogLimiter> limiters = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, LogLimiter> eldest) {
            return size() > MAX_PATTERNS;
        }
    };

    /** Sets the interval in seconds (Logback configuration: {@code <intervalSeconds>10</intervalSeconds>}). */
    public void setIntervalSeconds(int seconds) {
        this.interval = Duration.ofSeconds(seconds);
    }

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params,
            Throwable t) {
        boolean enabledQuery = format == null && t == null;
        if (enabledQuery || level == null || !level.isGreaterOrEqual(Level.WARN) || logger.getName().startsWith(OWN)) {
            return FilterReply.NEUTRAL;
        }
        String key = logger.getName() + '\n' + (format != null ? format : t.getClass().getName());
        LogLimiter limiter;
        synchronized (limiters) {
            limiter = limiters.computeIfAbsent(key, ignored -> new LogLimiter(interval));
        }
        OptionalLong held = limiter.permit();
        if (held.isEmpty()) {
            return FilterReply.DENY;
        }
        if (held.getAsLong() > 0) {
            logger.getLoggerContext().getLogger(SUMMARY_LOGGER).warn("held back {} similar line(s) from {} in the last {} s",
                    held.getAsLong(), logger.getName(), interval.toSeconds());
        }
        return FilterReply.NEUTRAL;
    }
}

package dev.vacme.server.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A library's warning repeated in a loop (Netty's accept failing once out of file handles) is
 * logged once per interval; the server's own lines pass untouched.
 */
class RepeatedLineFilterTest {

    private final LoggerContext context = new LoggerContext();
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();

    @BeforeEach
    void configure() {
        RepeatedLineFilter filter = new RepeatedLineFilter();
        filter.setIntervalSeconds(60);
        filter.start();
        context.addTurboFilter(filter);
        lines.setContext(context);
        lines.start();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(lines);
        context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.INFO);
    }

    @Test
    void aLibraryWarningRepeatedInALoopIsLoggedOnce() {
        Logger netty = context.getLogger("io.netty.channel.DefaultChannelPipeline");
        for (int i = 0; i < 100; i++) {
            netty.warn("An exceptionCaught() event was fired", new IOException("Too many open files"));
        }
        netty.warn("another message");

        assertThat(lines.list).extracting(ILoggingEvent::getMessage)
                .containsExactly("An exceptionCaught() event was fired", "another message");
    }

    @Test
    void theServersOwnLinesAndLibraryInfoLinesAreNotHeldBack() {
        Logger own = context.getLogger("dev.vacme.server.wfe.FailureHandler");
        Logger library = context.getLogger("io.vertx.core.impl.VertxImpl");
        for (int i = 0; i < 5; i++) {
            own.error("incident {}: failed", i);
            library.info("started");
        }

        assertThat(lines.list).hasSize(10);
    }
}

package dev.vacme.server.wfe;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.vacme.server.testing.AcmeFlow;
import dev.vacme.server.testing.AcmeServerTest;
import dev.vacme.server.testing.Poll;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** One access-log line per request: method, path, status, duration, account, problem type; no secrets. */
class RequestLogTest extends AcmeServerTest {

    private final Logger access = (Logger) LoggerFactory.getLogger("dev.vacme.server.access");
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private Level previous;

    @BeforeEach
    void capture() {
        previous = access.getLevel();
        access.setLevel(Level.INFO);
        lines.start();
        access.addAppender(lines);
    }

    @AfterEach
    void release() {
        access.detachAppender(lines);
        access.setLevel(previous);
    }

    @Test
    void eachRequestIsOneLineNamingItsAccountAndProblem() {
        AcmeFlow account = newAccount();
        String accountId = account.kid().substring(account.kid().lastIndexOf('/') + 1);
        client.get(server.baseUrl() + "/acme/nothing");

        List<String> logged = Poll.until(this::messages,
                all -> all.stream().anyMatch(line -> line.startsWith("GET /acme/nothing")), Duration.ofSeconds(10));

        assertThat(logged).anyMatch(line -> line.matches("POST /acme/new-account 201 \\d+ms"));
        assertThat(logged).anyMatch(line -> line.matches("HEAD /acme/new-nonce 200 \\d+ms"));
        assertThat(logged).anyMatch(line -> line.matches("GET /acme/nothing 404 \\d+ms problem=malformed"));
        account.post(account.kid(), null);
        assertThat(Poll.until(this::messages, all -> all.stream().anyMatch(line -> line.contains("account=")),
                Duration.ofSeconds(10))).anyMatch(line -> line.matches("POST /acme/acct/" + accountId + " 200 \\d+ms account="
                        + accountId));
        assertThat(messages()).noneMatch(line -> line.contains("nonce=") || line.contains("\"protected\""));
    }

    private List<String> messages() {
        return List.copyOf(lines.list).stream().map(ILoggingEvent::getFormattedMessage).toList();
    }
}

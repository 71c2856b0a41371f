package dev.vacme.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vacme.common.pki.KeyType;
import dev.vacme.server.testing.AcmeFlow;
import dev.vacme.server.testing.AcmeTestClient;
import dev.vacme.server.testing.Poll;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server process as logrotate meets it: {@code --log-format json} writes JSON lines, and
 * after the audit log is renamed, SIGHUP makes the server write to a new file at the old path.
 */
class LogFilesIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void sighupReopensTheAuditLogAfterARenameAndLogLinesAreJson() throws Exception {
        Path auditLog = dir.resolve("audit.log");
        Path rotated = dir.resolve("audit.log.1");
        try (ServerProcess server = ServerProcess.start(dir.resolve("data"), 80,
                "--log-format", "json", "--audit-log", auditLog.toString())) {
            AcmeTestClient client = new AcmeTestClient(server.directoryUrl(), server.root());
            String before = accountId(new AcmeFlow(client, null, KeyType.EC_P256.generate()).register());
            Poll.until(() -> read(auditLog), text -> text.contains(before), Duration.ofSeconds(10));

            Files.move(auditLog, rotated);
            hangUp(server.pid());
            Poll.until(server::output, output -> output.contains("reopened the log files"), Duration.ofSeconds(10));
            String after = accountId(new AcmeFlow(client, null, KeyType.EC_P256.generate()).register());

            assertThat(Poll.until(() -> Files.exists(auditLog) ? read(auditLog) : "", text -> text.contains(after),
                    Duration.ofSeconds(10))).doesNotContain(before);
            assertThat(read(rotated)).contains(before).doesNotContain(after);
            List<JsonNode> lines = jsonLines(server.output());
            assertThat(lines).anySatisfy(line -> {
                assertThat(line.get("logger").asText()).isEqualTo("dev.vacme.server.access");
                assertThat(line.get("method").asText()).isEqualTo("POST");
                assertThat(line.get("path").asText()).isEqualTo("/acme/new-account");
                assertThat(line.get("status").asInt()).isEqualTo(201);
                assertThat(line.has("duration_ms")).isTrue();
            });
            assertThat(lines).anySatisfy(line -> assertThat(line.get("message").asText())
                    .isEqualTo("reopened the log files (SIGHUP)"));
            assertThat(server.output().lines().filter(line -> line.contains("dev.vacme") && !line.startsWith("{")))
                    .as("every log line is JSON").isEmpty();
        }
    }

    private static void hangUp(long pid) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(pid)).inheritIO().start();
        assertThat(kill.waitFor()).isZero();
    }

    private static List<JsonNode> jsonLines(String output) {
        return output.lines().filter(line -> line.startsWith("{")).map(line -> {
            try {
                return JSON.readTree(line);
            } catch (IOException e) {
                throw new AssertionError("not a JSON line: " + line, e);
            }
        }).toList();
    }

    private static String accountId(AcmeFlow account) {
        return account.kid().substring(account.kid().lastIndexOf('/') + 1);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

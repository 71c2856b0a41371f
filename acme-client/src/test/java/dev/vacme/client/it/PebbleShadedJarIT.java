package dev.vacme.client.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vacme.client.testing.AcmeTestServer;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The shaded {@code target/vacme.jar} as an operator runs it, in its own JVM, against Pebble. */
class PebbleShadedJarIT extends AcmeServerTestBase {

    @Override
    AcmeTestServer startServer(Path dir) throws IOException {
        return PebbleServers.start(dir, Map.of());
    }

    private record Run(int exitCode, String output) {
    }

    private Run java(String... args) throws IOException, InterruptedException {
        List<String> all = new ArrayList<>(List.of("--ca-bundle", server.caBundle().toString()));
        all.addAll(List.of(args));
        return javaWithoutBundle(all.toArray(String[]::new));
    }

    /** Runs the jar as cron would, with only the config directory given. */
    private Run javaWithoutBundle(String... args) throws IOException, InterruptedException {
        String jar = System.getProperty("vacme.jar", "target/vacme.jar");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar, "--config-dir", config.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("vacme.jar did not finish: " + output);
        }
        return new Run(process.exitValue(), output);
    }

    @Test
    void theJarIssuesRenewsAndListsLikeTheInProcessCommand() throws Exception {
        assertThat(Path.of(System.getProperty("vacme.jar", "target/vacme.jar"))).exists();

        Run issued = java(args("--server", server.directoryUrl().toString(), "-n", "certonly", standalone(), "-d",
                "jar.test", "-m", "ops@jar.test", "--agree-tos"));
        Run renew = java("renew", "-q");
        Run forced = javaWithoutBundle("renew", "--force-renewal", "--no-random-sleep-on-renew", "-q");
        Run listed = java("certificates", "--json");
        Run usage = java("certonly", "--no-such-flag");

        assertThat(issued.exitCode()).as(issued.output()).isZero();
        assertThat(Files.readString(live("jar.test").resolve("fullchain.pem"))).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(renew.exitCode()).as(renew.output()).isZero();
        assertThat(renew.output()).isEmpty();
        assertThat(forced.exitCode()).as("a cron run without --ca-bundle: " + forced.output()).isZero();
        assertThat(Files.readSymbolicLink(live("jar.test"))).isEqualTo(Path.of("../archive/jar.test/2"));
        assertThat(listed.exitCode()).isZero();
        assertThat(listed.output()).contains("\"name\" : \"jar.test\"");
        assertThat(usage.exitCode()).isEqualTo(2);
    }
}

package dev.vacme.client.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/install and scripts/package, run as an operator would on the jars this build made:
 * launchers that run without Maven, systemd units naming the prefix, the example configuration,
 * the client's class-data sharing archive, and a .deb with the same layout and
 * /etc/vacme/server.yaml as a configuration file.
 */
class InstallScriptsIT {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    @Test
    void installPutsLaunchersJarsUnitsAndAnExampleConfiguration() throws Exception {
        Path prefix = dir.resolve("usr");
        Result install = run(ROOT.resolve("scripts/install").toString(), "--no-build", "--prefix", prefix.toString(),
                "--systemd-dir", dir.resolve("systemd").toString(), "--config-dir", dir.resolve("etc").toString());

        assertThat(install.exitCode()).as(install.output()).isZero();
        assertThat(run(prefix.resolve("bin/vacme").toString(), "--version").output()).startsWith("vacme ");
        assertThat(run(prefix.resolve("bin/vacme-server").toString(), "--version").output()).startsWith("vacme-server ");
        assertThat(Files.readString(dir.resolve("systemd/vacme-server.service")))
                .contains("ExecStart=" + prefix + "/bin/vacme-server --config /etc/vacme/server.yaml")
                .contains("ProtectSystem=strict").contains("NoNewPrivileges=yes").contains("StateDirectory=vacme");
        assertThat(Files.readString(dir.resolve("systemd/vacme-renew.service"))).contains("ExecStart=" + prefix + "/bin/vacme renew");
        assertThat(dir.resolve("systemd/vacme-renew.timer")).exists();
        assertThat(Files.readString(dir.resolve("etc/server.yaml"))).contains("# external-url:");

        Path archive = prefix.resolve("lib/vacme/vacme.jsa");
        assertThat(archive).as("the class-data sharing archive made at installation").isNotEmptyFile();
        Result shared = run(Map.of("VACME_JAVA_OPTS", "-Xshare:on"), prefix.resolve("bin/vacme").toString(),
                "--version");
        assertThat(shared.exitCode()).as("-Xshare:on fails unless the JVM maps the archive: " + shared.output())
                .isZero();
        Files.write(archive, new byte[4096]);
        Result stale = run(prefix.resolve("bin/vacme").toString(), "--version");
        assertThat(stale.exitCode()).as(stale.output()).isZero();
        assertThat(stale.output()).as("an archive the JVM cannot use is ignored quietly").startsWith("vacme ")
                .hasLineCount(1);

        Files.writeString(dir.resolve("etc/server.yaml"), "listen: 127.0.0.1:443\n");
        run(ROOT.resolve("scripts/install").toString(), "--no-build", "--prefix", prefix.toString(),
                "--systemd-dir", dir.resolve("systemd").toString(), "--config-dir", dir.resolve("etc").toString());
        assertThat(Files.readString(dir.resolve("etc/server.yaml"))).as("an existing configuration is kept")
                .isEqualTo("listen: 127.0.0.1:443\n");
    }

    @Test
    void theInstalledLauncherPrintsAPathWithAnAccentAsItIsUnderTheCLocaleOfCron() throws Exception {
        Path prefix = dir.resolve("usr");
        run(ROOT.resolve("scripts/install").toString(), "--no-build", "--prefix", prefix.toString(),
                "--systemd-dir", dir.resolve("systemd").toString(), "--config-dir", dir.resolve("etc").toString());
        Path config = Files.createDirectories(dir.resolve("café"));
        ProcessBuilder cron = new ProcessBuilder(prefix.resolve("bin/vacme").toString(), "delete", "--cert-name",
                "x.test", "--config-dir", config.toString()).redirectErrorStream(true);
        cron.environment().keySet().removeIf(name -> name.equals("LANG") || name.startsWith("LC_"));

        Result result = run(cron);

        assertThat(result.exitCode()).as(result.output()).isEqualTo(2);
        assertThat(result.output()).isEqualTo("error: no certificate named 'x.test' in " + config + "\n");
    }

    @Test
    void packageBuildsADebWithTheSameLayout() throws Exception {
        Result build = run(ROOT.resolve("scripts/package").toString(), "--no-build");
        assertThat(build.exitCode()).as(build.output()).isZero();
        Path deb = Path.of(build.output().strip().lines().reduce((first, second) -> second).orElseThrow());

        String contents = run("dpkg-deb", "--contents", deb.toString()).output();
        String conffiles = run("sh", "-c", "dpkg-deb --ctrl-tarfile '" + deb + "' | tar -xOf - ./conffiles").output();

        assertThat(contents).contains("./usr/bin/vacme\n", "./usr/bin/vacme-server\n", "./usr/lib/vacme/vacme.jar\n",
                "./usr/lib/vacme/vacme-server.jar\n", "./lib/systemd/system/vacme-server.service\n",
                "./lib/systemd/system/vacme-renew.timer\n", "./etc/vacme/server.yaml\n",
                "./usr/lib/vacme/vacme.classlist\n", "./usr/lib/vacme/cds-archive\n");
        assertThat(conffiles).isEqualTo("/etc/vacme/server.yaml\n");
        String postinst = run("sh", "-c", "dpkg-deb --ctrl-tarfile '" + deb + "' | tar -xOf - ./postinst").output();
        String triggers = run("sh", "-c", "dpkg-deb --ctrl-tarfile '" + deb + "' | tar -xOf - ./triggers").output();
        assertThat(postinst).as("the archive is made on the machine, for its JVM")
                .contains("/usr/lib/vacme/cds-archive /usr/lib/vacme/vacme.jar");
        assertThat(triggers).as("and made again when a JDK changes").isEqualTo("interest-noawait /usr/lib/jvm\n");
        Files.deleteIfExists(deb);
    }

    private record Result(int exitCode, String output) {
    }

    private static Result run(String... command) throws IOException, InterruptedException {
        return run(Map.of(), command);
    }

    private static Result run(Map<String, String> environment, String... command)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        return run(builder);
    }

    private static Result run(ProcessBuilder builder) throws IOException, InterruptedException {
        List<String> command = builder.command();
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as(command.toString()).isTrue();
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }
}

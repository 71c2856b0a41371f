package dev.vacme.client.deploy.apache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vacme.client.deploy.Backup;
import dev.vacme.client.deploy.DeployException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writing planned edits through symbolic links, every file backed up first, and undoing them. */
class ConfigChangesTest {

    @TempDir
    Path dir;

    private final List<String> log = new ArrayList<>();

    @Test
    void backsUpWritesThroughLinksAndTheBackupRestoresEverything() throws IOException {
        Path root = Files.createDirectories(dir.resolve("apache"));
        Path available = Files.createDirectories(root.resolve("sites-available")).resolve("a.conf");
        String site = "<VirtualHost *:443>\n  ServerName a.test\n  SSLCertificateFile /old.pem\n</VirtualHost>\n";
        Files.writeString(available, site);
        Files.setPosixFilePermissions(available, PosixFilePermissions.fromString("rw-r-----"));
        Path enabled = Files.createDirectories(root.resolve("sites-enabled")).resolve("a.conf");
        Files.createSymbolicLink(enabled, Path.of("../sites-available/a.conf"));
        Files.writeString(root.resolve("apache2.conf"), "LoadModule ssl_module x.so\nInclude sites-enabled\n");
        Files.createDirectories(root.resolve("mods-enabled"));
        ApacheConfig config = ApacheConfig.load(root);
        ConfigEdits edits = new ConfigEdits();
        edits.replace(config.directives("SSLCertificateFile").get(0), List.of("  SSLCertificateFile /new.pem"), "set");
        edits.create(root.resolve("sites-enabled/new.conf"), "# new\n", "create");
        edits.link(root.resolve("mods-enabled/ssl.load"), Path.of("../mods-available/ssl.load"), "link");
        Backup backup = new Backup();

        ConfigChanges.apply(edits, backup, log::add);

        assertThat(Files.isSymbolicLink(enabled)).isTrue();
        assertThat(Files.readString(available)).isEqualTo(site.replace("/old.pem", "/new.pem"));
        assertThat(Files.getPosixFilePermissions(available)).isEqualTo(PosixFilePermissions.fromString("rw-r-----"));
        assertThat(root.resolve("sites-enabled/new.conf")).hasContent("# new");
        assertThat(Files.isSymbolicLink(root.resolve("mods-enabled/ssl.load"))).isTrue();
        assertThat(backup.files()).containsExactly(available.toRealPath(), root.resolve("sites-enabled/new.conf"),
                root.resolve("mods-enabled/ssl.load"));
        assertThat(log).hasSize(3);

        backup.restore();

        assertThat(Files.readString(available)).isEqualTo(site);
        assertThat(Files.getPosixFilePermissions(available)).isEqualTo(PosixFilePermissions.fromString("rw-r-----"));
        assertThat(Files.isSymbolicLink(enabled)).isTrue();
        assertThat(root.resolve("sites-enabled/new.conf")).doesNotExist();
        assertThat(Files.exists(root.resolve("mods-enabled/ssl.load"), LinkOption.NOFOLLOW_LINKS)).isFalse();
    }

    @Test
    void aUtf8FileNameInTheConfigurationStaysThatNameAndTheFileStaysUtf8() throws IOException {
        Path root = Files.createDirectories(dir.resolve("apache"));
        Files.writeString(root.resolve("httpd.conf"), "DocumentRoot /var/www/café\nSSLCertificateFile /old.pem\n",
                StandardCharsets.UTF_8);
        ApacheConfig config = ApacheConfig.load(root);
        ConfigEdits edits = new ConfigEdits();
        edits.replace(config.directives("SSLCertificateFile").get(0), List.of("SSLCertificateFile /etc/é.pem"), "set");

        ConfigChanges.apply(edits, new Backup(), log::add);

        assertThat(config.directives("DocumentRoot").get(0).firstArg()).isEqualTo("/var/www/café");
        assertThat(Files.readString(root.resolve("httpd.conf"), StandardCharsets.UTF_8))
                .isEqualTo("DocumentRoot /var/www/café\nSSLCertificateFile /etc/é.pem\n");
    }

    @Test
    void aLatin1FileIsWrittenBackByteForByte() throws IOException {
        Path root = Files.createDirectories(dir.resolve("apache"));
        byte[] latin1 = "# caf\u00e9 in ISO-8859-1\nListen 80\n".getBytes(StandardCharsets.ISO_8859_1);
        Files.write(root.resolve("httpd.conf"), latin1);
        ApacheConfig config = ApacheConfig.load(root);
        ConfigEdits edits = new ConfigEdits();
        edits.insertAfter(config.directives("Listen").get(0), List.of("Listen 443"), "listen");

        ConfigChanges.apply(edits, new Backup(), log::add);

        assertThat(Files.readAllBytes(root.resolve("httpd.conf")))
                .isEqualTo("# caf\u00e9 in ISO-8859-1\nListen 80\nListen 443\n".getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void aFailedWriteLeavesEverythingWrittenBeforeInTheBackup() throws IOException {
        Path root = Files.createDirectories(dir.resolve("apache"));
        Files.writeString(root.resolve("httpd.conf"), "Listen 80\n");
        ApacheConfig config = ApacheConfig.load(root);
        ConfigEdits edits = new ConfigEdits();
        edits.insertAfter(config.directives("Listen").get(0), List.of("Listen 443"), "listen");
        edits.create(root.resolve("missing-dir/new.conf"), "x\n", "create in a directory that does not exist");
        Backup backup = new Backup();

        assertThatThrownBy(() -> ConfigChanges.apply(edits, backup, log::add))
                .isInstanceOf(DeployException.class)
                .hasMessageStartingWith("cannot change Apache's configuration: ");
        assertThat(root.resolve("httpd.conf")).hasContent("Listen 80\nListen 443");

        backup.restore();

        assertThat(root.resolve("httpd.conf")).hasContent("Listen 80");
        assertThat(root.resolve("missing-dir")).doesNotExist();
    }
}

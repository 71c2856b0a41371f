package dev.vacme.client.deploy.nginx;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TlsEditsTest {

    private static final Path FULLCHAIN = Path.of("/etc/vacme/live/a.test/fullchain.pem");
    private static final Path PRIVKEY = Path.of("/etc/vacme/live/a.test/privkey.pem");

    @TempDir
    Path dir;

    private final List<Path> protectedFiles = new ArrayList<>();

    static Stream<Arguments> configs() {
        return Stream.of(
                Arguments.of("a TLS block gets the lineage's files, comments stay", """
                        http {
                            server {
                                listen 443 ssl; # the TLS port
                                server_name a.test;
                                ssl_certificate     /old/cert.pem;  # old
                                ssl_certificate_key "/old/key.pem";
                            }
                        }
                        """, """
                        http {
                            server {
                                listen 443 ssl; # the TLS port
                                server_name a.test;
                                ssl_certificate /etc/vacme/live/a.test/fullchain.pem;  # old
                                ssl_certificate_key /etc/vacme/live/a.test/privkey.pem;
                            }
                        }
                        """),
                Arguments.of("a plain block gets a TLS listener and the files after its last listen", """
                        http {
                        \tserver {
                        \t\tlisten 80;
                        \t\tlisten [::]:80; # v6
                        \t\tserver_name a.test;
                        \t}
                        }
                        """, """
                        http {
                        \tserver {
                        \t\tlisten 80;
                        \t\tlisten [::]:80; # v6
                        \t\tlisten 8443 ssl;
                        \t\tlisten [::]:8443 ssl;
                        \t\tssl_certificate /etc/vacme/live/a.test/fullchain.pem;
                        \t\tssl_certificate_key /etc/vacme/live/a.test/privkey.pem;
                        \t\tserver_name a.test;
                        \t}
                        }
                        """),
                Arguments.of("a one-line block gets the directives on the same line", """
                        http { server { server_name a.test; } }
                        """, """
                        http { server { server_name a.test; listen 8443 ssl; listen [::]:8443 ssl;\
                         ssl_certificate /etc/vacme/live/a.test/fullchain.pem;\
                         ssl_certificate_key /etc/vacme/live/a.test/privkey.pem; } }
                        """),
                Arguments.of("a second certificate pair is removed, with its lines", """
                        http {
                            server {
                                listen 443 ssl;
                                server_name a.test;
                                ssl_certificate /old/rsa.pem;
                                ssl_certificate_key /old/rsa.key;
                                ssl_certificate /old/ecdsa.pem;
                                ssl_certificate_key /old/ecdsa.key;
                            }
                        }
                        """, """
                        http {
                            server {
                                listen 443 ssl;
                                server_name a.test;
                                ssl_certificate /etc/vacme/live/a.test/fullchain.pem;
                                ssl_certificate_key /etc/vacme/live/a.test/privkey.pem;
                            }
                        }
                        """));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void editsOnlyWhatItMustAndASecondRunChangesNothing(String what, String before, String after)
            throws IOException {
        Path conf = Files.writeString(dir.resolve("nginx.conf"), before);

        TlsEdits.Result result = edit(conf);
        ConfigChanges.write(NginxConfig.load(conf), result.edits(), protectedFiles::add);

        assertThat(Files.readString(conf)).isEqualTo(after);
        assertThat(result.changes()).isNotEmpty().allMatch(c -> c.startsWith(conf + ":"));
        TlsEdits.Result again = edit(conf);
        assertThat(again.edits().isEmpty()).as(again.changes().toString()).isTrue();
    }

    @Test
    void editsTheIncludedFileThatHoldsADirectiveAndKeepsSymlinks() throws IOException {
        Path available = Files.createDirectories(dir.resolve("sites-available"));
        Path enabled = Files.createDirectories(dir.resolve("sites-enabled"));
        Path site = Files.writeString(available.resolve("a"), """
                server {
                    listen 443 ssl;
                    server_name a.test;
                    include snippets/tls.conf;
                }
                """);
        Files.setPosixFilePermissions(site, PosixFilePermissions.fromString("rw-r-----"));
        Files.createSymbolicLink(enabled.resolve("a"), site);
        Path snippet = Files.writeString(Files.createDirectories(dir.resolve("snippets")).resolve("tls.conf"),
                "ssl_certificate /old.pem;\nssl_certificate_key /old.key;\n");
        Path conf = Files.writeString(dir.resolve("nginx.conf"), "http {\n    include sites-enabled/*;\n}\n");

        ConfigChanges changes = ConfigChanges.write(NginxConfig.load(conf), edit(conf).edits(),
                protectedFiles::add);

        assertThat(Files.readString(snippet)).isEqualTo("ssl_certificate " + FULLCHAIN + ";\nssl_certificate_key "
                + PRIVKEY + ";\n");
        assertThat(Files.readString(site)).contains("include snippets/tls.conf;").doesNotContain("ssl_certificate");
        assertThat(enabled.resolve("a")).isSymbolicLink();
        assertThat(protectedFiles).containsExactly(snippet.toRealPath());
        assertThat(changes.files()).singleElement().satisfies(f -> assertThat(new String(f.original()))
                .isEqualTo("ssl_certificate /old.pem;\nssl_certificate_key /old.key;\n"));
    }

    @Test
    void restoresEveryChangedFileWithItsPermissions() throws IOException {
        String original = "http {\n  server { listen 80; server_name a.test; }\n}\n";
        Path conf = Files.writeString(dir.resolve("nginx.conf"), original);
        Files.setPosixFilePermissions(conf, PosixFilePermissions.fromString("rw-r-----"));

        ConfigChanges changes = ConfigChanges.write(NginxConfig.load(conf), edit(conf).edits(),
                protectedFiles::add);
        assertThat(Files.readString(conf)).isNotEqualTo(original);

        assertThat(changes.restore(message -> { })).isTrue();
        assertThat(Files.readString(conf)).isEqualTo(original);
        assertThat(Files.getPosixFilePermissions(conf)).isEqualTo(PosixFilePermissions.fromString("rw-r-----"));
        try (Stream<Path> leftovers = Files.list(dir)) {
            assertThat(leftovers).extracting(p -> p.getFileName().toString())
                    .containsExactly("nginx.conf");
        }
    }

    @Test
    void quotesAPathWithSpaces() {
        assertThat(DirectiveText.render("ssl_certificate", List.of("/etc/my certs/a \"b\".pem")))
                .isEqualTo("ssl_certificate \"/etc/my certs/a \\\"b\\\".pem\";");
    }

    private static TlsEdits.Result edit(Path conf) {
        NginxConfig config = NginxConfig.load(conf);
        return TlsEdits.compute(config, ServerBlockSelector.select(ServerBlock.all(config), List.of("a.test")),
                FULLCHAIN, PRIVKEY, 8443);
    }
}

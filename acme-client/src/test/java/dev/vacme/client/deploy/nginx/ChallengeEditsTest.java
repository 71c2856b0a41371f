package dev.vacme.client.deploy.nginx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vacme.client.challenge.ChallengeTask;
import dev.vacme.client.deploy.Endpoint.HostPort;
import dev.vacme.common.model.Challenge;
import dev.vacme.common.model.Identifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChallengeEditsTest {

    private static final String TOKEN = "tokentokentokentokentoken";

    @TempDir
    Path dir;

    @Test
    void addsAnExactLocationToTheBlockThatServesTheNameOnTheHttpPort() throws IOException {
        Path conf = Files.writeString(dir.resolve("nginx.conf"), """
                http {
                    server {
                        listen 443 ssl;
                        server_name a.test;
                    }
                    server {
                        listen 127.0.0.1:8080;
                        server_name a.test;
                        location / { return 200 "site"; }
                    }
                }
                """);
        NginxConfig config = NginxConfig.load(conf);

        ChallengeEdits.Result result = ChallengeEdits.compute(config, List.of(task("a.test")), 8080);

        assertThat(result.edits().apply(conf, config.mainFile().text())).isEqualTo("""
                http {
                    server {
                        listen 443 ssl;
                        server_name a.test;
                    }
                    server {
                        listen 127.0.0.1:8080;
                        server_name a.test;
                        location / { return 200 "site"; }
                        location = /.well-known/acme-challenge/%s { default_type text/plain; return 200 %s.thumb; }
                    }
                }
                """.formatted(TOKEN, TOKEN));
        assertThat(result.checks()).isEqualTo(Map.of(task("a.test"), new HostPort("127.0.0.1", 8080)));
        assertThat(result.warnings()).isEmpty();
    }

    @Test
    void addsATemporaryServerBlockListeningWhereTheOthersListen() throws IOException {
        Path conf = Files.writeString(dir.resolve("nginx.conf"), """
                http {
                    server {
                        listen 127.0.0.1:8080 default_server;
                        server_name _;
                        return 404;
                    }
                }
                """);
        NginxConfig config = NginxConfig.load(conf);

        ChallengeEdits.Result result = ChallengeEdits.compute(config, List.of(task("b.test")), 8080);

        assertThat(result.edits().apply(conf, config.mainFile().text())).isEqualTo("""
                http {
                    server {
                        listen 127.0.0.1:8080 default_server;
                        server_name _;
                        return 404;
                    }
                    server { # added by vacme for http-01, removed after validation
                        listen 127.0.0.1:8080;
                        server_name b.test;
                        location = /.well-known/acme-challenge/%s { default_type text/plain; return 200 %s.thumb; }
                    }
                }
                """.formatted(TOKEN, TOKEN));
        assertThat(result.checks()).isEqualTo(Map.of(task("b.test"), new HostPort("127.0.0.1", 8080)));
    }

    private static ChallengeTask task(String name) {
        return new ChallengeTask(Identifier.dns(name), false, new Challenge(Challenge.HTTP_01, null, null, null, null,
                TOKEN), TOKEN + ".thumb");
    }
}

package dev.vacme.client.deploy.nginx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NginxConfigTest {

    @TempDir
    Path dir;

    private Path write(String relative, String text) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    @Test
    void expandsIncludesRelativeToTheConfigDirectoryWithGlobsInNameOrder() throws IOException {
        write("nginx.conf", "events {}\nhttp {\n    include mime.types;\n    include conf.d/*.conf;\n"
                + "    include sites-*/*;\n    include none/*.conf;\n}\n");
        write("mime.types", "types { text/html html; }\n");
        write("conf.d/b.conf", "server { server_name b.test; }\n");
        write("conf.d/a.conf", "server { server_name a.test; include snippets/listen.conf; }\n");
        write("conf.d/.hidden.conf", "server { server_name hidden.test; }\n");
        write("conf.d/c.conf.bak", "server { server_name bak.test; }\n");
        write("snippets/listen.conf", "listen 8080;\n");
        write("sites-enabled/z", "server { server_name z.test; }\n");

        NginxConfig config = NginxConfig.load(dir.resolve("nginx.conf"));

        assertThat(ServerBlock.all(config)).extracting(ServerBlock::names).extracting(n -> n.get(0))
                .containsExactly("a.test", "b.test", "z.test");
        ServerBlock a = ServerBlock.all(config).get(0);
        assertThat(a.listens()).containsExactly(new Listen("", 8080, false, false, false));
        assertThat(a.directives("listen").get(0).file()).isEqualTo(dir.resolve("snippets/listen.conf"));
        assertThat(config.files()).extracting(NginxFile::path).contains(dir.resolve("nginx.conf"),
                dir.resolve("conf.d/a.conf"), dir.resolve("sites-enabled/z"))
                .doesNotContain(dir.resolve("conf.d/.hidden.conf"), dir.resolve("conf.d/c.conf.bak"));
    }

    @Test
    void aMissingIncludedFileIsAnError() throws IOException {
        write("nginx.conf", "http {\n    include missing.conf;\n}\n");

        assertThatThrownBy(() -> NginxConfig.load(dir.resolve("nginx.conf"))).isInstanceOf(NginxException.class)
                .hasMessage(dir.resolve("nginx.conf") + ":2: the included file " + dir.resolve("missing.conf")
                        + " does not exist");
    }

    @Test
    void anIncludeLoopIsAnErrorNotAStackOverflow() throws IOException {
        write("nginx.conf", "http { include loop.conf; }\n");
        write("loop.conf", "include loop.conf;\n");

        assertThatThrownBy(() -> NginxConfig.load(dir.resolve("nginx.conf"))).isInstanceOf(NginxException.class)
                .hasMessageContaining("include loop");
    }

    @Test
    void readsListenDirectives() {
        assertThat(Listen.parse(java.util.List.of("443", "ssl", "http2"))).contains(new Listen("", 443, false, true,
                false));
        assertThat(Listen.parse(java.util.List.of("[::]:8443", "ssl", "default_server")))
                .contains(new Listen("", 8443, true, true, true));
        assertThat(Listen.parse(java.util.List.of("127.0.0.1:80", "default"))).contains(new Listen("127.0.0.1", 80,
                false, false, true));
        assertThat(Listen.parse(java.util.List.of("*:81"))).contains(new Listen("", 81, false, false, false));
        assertThat(Listen.parse(java.util.List.of("localhost"))).contains(new Listen("localhost", 80, false, false,
                false));
        assertThat(Listen.parse(java.util.List.of("unix:/run/nginx.sock"))).isEmpty();
    }
}

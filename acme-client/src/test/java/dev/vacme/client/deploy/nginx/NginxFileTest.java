package dev.vacme.client.deploy.nginx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NginxFileTest {

    private static final Path FILE = Path.of("/etc/nginx/nginx.conf");

    static Stream<Arguments> arguments() {
        return Stream.of(
                Arguments.of("a b c;", List.of("b", "c")),
                Arguments.of("a \"two words\" 'single';", List.of("two words", "single")),
                Arguments.of("a \"q\\\"uote\" 'it\\'s' \"back\\\\slash\";", List.of("q\"uote", "it's", "back\\slash")),
                Arguments.of("a \"\\d+\" x\\;y;", List.of("\\d+", "x\\;y")),
                Arguments.of("a \"semi;colon{brace}#hash\";", List.of("semi;colon{brace}#hash")),
                Arguments.of("a x#y; # comment ; {\n", List.of("x#y")),
                Arguments.of("a ${host}.x \"${y}\";", List.of("${host}.x", "${y}")),
                Arguments.of("a\n  b\n  c  ;", List.of("b", "c")),
                Arguments.of("a \"multi\nline\";", List.of("multi\nline")),
                Arguments.of("a;", List.of()));
    }

    @ParameterizedTest
    @MethodSource("arguments")
    void readsArgumentsAsNginxDoes(String text, List<String> args) {
        NginxFile file = NginxFile.parse(FILE, text);

        assertThat(file.directives()).singleElement().satisfies(d -> {
            assertThat(d.name()).isEqualTo("a");
            assertThat(d.args()).isEqualTo(args);
            assertThat(text.substring(d.start(), d.end())).startsWith("a").endsWith(";");
        });
    }

    @Test
    void keepsBlocksLinesAndOffsets() {
        String text = """
                # top comment
                events { }
                http {
                    # a comment with { and ;
                    server {
                        listen 80; server_name a.test;
                        location / { return 200 "}"; }
                    }
                }
                """;
        NginxFile file = NginxFile.parse(FILE, text);

        assertThat(file.directives()).extracting(NginxDirective::name).containsExactly("events", "http");
        NginxDirective server = file.directives().get(1).block().get(0);
        assertThat(server.line()).isEqualTo(5);
        assertThat(server.block()).extracting(NginxDirective::name)
                .containsExactly("listen", "server_name", "location");
        assertThat(server.block().get(1).line()).isEqualTo(6);
        assertThat(text.charAt(server.closeBrace())).isEqualTo('}');
        assertThat(text.substring(server.bodyStart(), server.closeBrace())).contains("return 200 \"}\";");
        NginxDirective location = server.block().get(2);
        assertThat(location.args()).containsExactly("/");
        assertThat(location.block().get(0).args()).containsExactly("200", "}");
    }

    @ParameterizedTest
    @MethodSource("errors")
    void namesTheLineOfASyntaxError(String text, String message) {
        assertThatThrownBy(() -> NginxFile.parse(FILE, text)).isInstanceOf(NginxException.class).hasMessage(message);
    }

    static Stream<Arguments> errors() {
        return Stream.of(
                Arguments.of("a;\nb \"open;\n", "/etc/nginx/nginx.conf:2: unterminated quoted string"),
                Arguments.of("http {\n a;\n", "/etc/nginx/nginx.conf: unexpected end of file, expecting \"}\""),
                Arguments.of("a;\n}\n", "/etc/nginx/nginx.conf:2: unexpected \"}\""),
                Arguments.of("a b", "/etc/nginx/nginx.conf: unexpected end of file, expecting \";\" or \"}\""),
                Arguments.of("\n\n;", "/etc/nginx/nginx.conf:3: unexpected \";\""));
    }
}

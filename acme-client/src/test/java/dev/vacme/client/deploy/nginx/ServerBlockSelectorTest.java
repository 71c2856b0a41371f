package dev.vacme.client.deploy.nginx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vacme.client.deploy.nginx.ServerBlockSelector.Selected;
import dev.vacme.client.deploy.nginx.ServerNameMatch.Kind;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServerBlockSelectorTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            example.com              | example.com           | EXACT
            EXAMPLE.com              | example.com           | EXACT
            example.com              | www.example.com       | -
            *.example.com            | www.example.com       | LEADING_WILDCARD
            *.example.com            | a.b.example.com       | LEADING_WILDCARD
            *.example.com            | example.com           | -
            .example.com             | example.com           | LEADING_WILDCARD
            .example.com             | www.example.com       | LEADING_WILDCARD
            www.example.*            | www.example.org       | TRAILING_WILDCARD
            www.example.*            | www.example.          | -
            www.example.*            | example.org           | -
            ~^www\\d+\\.example\\.net$ | www7.example.net    | REGEX
            ~^www\\d+\\.example\\.net$ | www.example.net     | -
            ~example                 | www.example.net       | REGEX
            ~^(?P<sub>.+)\\.x\\.test$ | a.x.test             | REGEX
            ~(?R)                    | anything.test         | -
            _                        | _x                    | -
            ''                       | example.com           | -
            $hostname                | example.com           | -
            """)
    void matchesServerNamesAsNginxDoes(String entry, String host, Kind expected) {
        Optional<ServerNameMatch> match = ServerNameMatch.of(entry, host);

        assertThat(match.map(ServerNameMatch::kind)).isEqualTo(Optional.ofNullable(expected));
    }

    @Test
    void ranksExactThenLongestLeadingThenLongestTrailingThenRegex() {
        List<ServerBlock> blocks = blocks("""
                server { listen 443 ssl; server_name ~.*; }
                server { listen 443 ssl; server_name www.a.*; }
                server { listen 443 ssl; server_name *.a.test; }
                server { listen 443 ssl; server_name *.www.a.test; }
                server { listen 443 ssl; server_name www.a.test; }
                """);

        assertThat(ServerBlockSelector.serving(blocks, "www.a.test")).containsExactly(blocks.get(4));
        assertThat(ServerBlockSelector.serving(blocks, "x.www.a.test")).containsExactly(blocks.get(3));
        assertThat(ServerBlockSelector.serving(blocks, "b.a.test")).containsExactly(blocks.get(2));
        assertThat(ServerBlockSelector.serving(blocks, "www.a.org")).containsExactly(blocks.get(1));
        assertThat(ServerBlockSelector.serving(blocks, "other.test")).containsExactly(blocks.get(0));
    }

    @Test
    void prefersTheTlsBlockOverAPlainBlockOfTheSameName() {
        List<ServerBlock> blocks = blocks("""
                server { listen 80; server_name a.test b.test; return 301 https://$host$request_uri; }
                server { listen 443 ssl; server_name a.test; }
                server { listen 8443 ssl; server_name *.test; }
                """);

        List<Selected> selected = ServerBlockSelector.select(blocks, List.of("a.test", "b.test"));

        assertThat(selected).extracting(Selected::block).containsExactly(blocks.get(1), blocks.get(2));
        assertThat(selected).extracting(Selected::addTls).containsExactly(false, false);
        assertThat(selected.get(1).names()).containsExactly("a.test", "b.test");
    }

    @Test
    void choosesAPlainBlockWhenNoTlsBlockServesTheName() {
        List<ServerBlock> blocks = blocks("""
                server { listen 443 ssl; server_name other.test; }
                server { server_name a.test; }
                """);

        assertThat(ServerBlockSelector.select(blocks, List.of("a.test"))).singleElement()
                .isEqualTo(new Selected(blocks.get(1), true, List.of("a.test")));
    }

    @Test
    void aWildcardNameIsServedByTheBlockOfANameBelowIt() {
        List<ServerBlock> blocks = blocks("""
                server { listen 443 ssl; server_name www.a.test; }
                server { listen 443 ssl; server_name *.a.test; }
                """);

        assertThat(ServerBlockSelector.serving(blocks, "*.a.test")).containsExactly(blocks.get(1));
    }

    @Test
    void aNameNoBlockMentionsGoesToTheDefaultServerOrIsRefused() {
        List<ServerBlock> withDefault = blocks("""
                server { listen 80 default_server; server_name _; }
                server { listen 443 ssl default_server; server_name _; }
                server { listen 443 ssl; server_name b.test; }
                """);
        List<ServerBlock> without = blocks("server { listen 443 ssl; server_name b.test; }\n");

        assertThat(ServerBlockSelector.serving(withDefault, "a.test")).containsExactly(withDefault.get(1));
        assertThatThrownBy(() -> ServerBlockSelector.select(without, List.of("b.test", "a.test")))
                .isInstanceOf(NginxException.class)
                .hasMessage("no nginx server block serves a.test; add \"server_name a.test;\" to the server block"
                        + " that should serve it");
    }

    static List<ServerBlock> blocks(String servers) {
        NginxFile file = NginxFile.parse(Path.of("/n/nginx.conf"), "http {\n" + servers + "}\n");
        return file.directives().get(0).block().stream().map(s -> ServerBlock.of(s, s.block())).toList();
    }
}

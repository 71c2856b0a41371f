package dev.vacme.client.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IniFileTest {

    @ParameterizedTest
    @ValueSource(strings = {"plain", "systemctl reload nginx && echo 'done = yes'", "two\nlines", "back\\slash\\n",
        "x = y # not a comment", "  padded  "})
    void valuesSurviveARoundTrip(String value) {
        String text = new IniFile().put("hooks", "deploy_hook", value).render("header");

        assertThat(IniFile.parse(text, "test").get("hooks", "deploy_hook")).contains(value.strip());
    }

    @Test
    void rendersSectionsInOrderWithHeaderComments() {
        String text = new IniFile().put("", "version", "1").put("renewal", "server", "https://ca.test/dir")
                .put("renewal", "domains", "a.test, b.test").put("ari", "selected", "").render("first", "second");

        assertThat(text).isEqualTo("""
                # first
                # second
                version = 1

                [renewal]
                server = https://ca.test/dir
                domains = a.test, b.test

                [ari]
                selected =\s
                """);
    }

    @Test
    void skipsCommentsAndBlankLinesAndTreatsEmptyValuesAsAbsent() {
        IniFile ini = IniFile.parse("# c\n; c\n\n[s]\na = 1\nb =\n", "test");

        assertThat(ini.get("s", "a")).contains("1");
        assertThat(ini.get("s", "b")).isEmpty();
        assertThat(ini.get("t", "a")).isEmpty();
    }

    @Test
    void namesTheLineOfAnError() {
        assertThatThrownBy(() -> IniFile.parse("[s]\na = 1\nnonsense\n", "renewal/x.conf"))
                .isInstanceOf(StoreException.class)
                .hasMessage("renewal/x.conf line 3: expected 'key = value', found: nonsense");
    }
}

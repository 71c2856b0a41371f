package dev.vacme.server.va;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResponseTextTest {

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            plain text        | "plain text"
            say "hi"          | "say \\"hi\\""
            back\\slash       | "back\\\\slash"
            ``                | ""
            """)
    void quotesPrintableText(String text, String quoted) {
        assertThat(ResponseText.quote(text, 100)).isEqualTo(quoted);
    }

    @Test
    void escapesControlAndNonAsciiBytes() {
        byte[] bytes = {'a', '\n', '\r', '\t', 0, 0x1b, (byte) 0xc3, (byte) 0xa9, 0x7f, 'z'};
        assertThat(ResponseText.quote(bytes, 100)).isEqualTo("\"a\\n\\r\\t\\x00\\x1b\\xc3\\xa9\\x7fz\"");
    }

    @Test
    void cutsLongTextWithoutSplittingAnEscape() {
        assertThat(ResponseText.quote("x".repeat(150), 100)).isEqualTo("\"" + "x".repeat(100) + "\"...");
        assertThat(ResponseText.quote("x".repeat(100), 100)).isEqualTo("\"" + "x".repeat(100) + "\"");
        byte[] bytes = ("x".repeat(98) + "\u0001").getBytes(StandardCharsets.US_ASCII);
        assertThat(ResponseText.quote(bytes, 100)).isEqualTo("\"" + "x".repeat(98) + "\"...");
    }

    @Test
    void truncate() {
        assertThat(ResponseText.truncate("abcdef", 3)).isEqualTo("abc...");
        assertThat(ResponseText.truncate("abc", 3)).isEqualTo("abc");
    }
}

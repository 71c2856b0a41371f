package dev.vacme.server.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.slf4j.event.KeyValuePair;

/** {@code --log-format json}: one JSON object per line, key-value pairs as fields. */
class JsonLineEncoderTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final LoggerContext context = new LoggerContext();
    private final JsonLineEncoder encoder = new JsonLineEncoder();

    @Test
    void anAccessLineCarriesItsFieldsAndEndsWithOneNewline() throws Exception {
        Logger access = context.getLogger("dev.vacme.server.access");
        LoggingEvent event = new LoggingEvent(Logger.class.getName(), access, Level.INFO,
                "POST /acme/new-order 201 12ms account=Abc", null, null);
        event.setInstant(Instant.parse("2026-11-30T07:00:00.123Z"));
        event.addKeyValuePair(new KeyValuePair("method", "POST"));
        event.addKeyValuePair(new KeyValuePair("path", "/acme/new-order"));
        event.addKeyValuePair(new KeyValuePair("status", 201));
        event.addKeyValuePair(new KeyValuePair("duration_ms", 12L));
        event.addKeyValuePair(new KeyValuePair("account", "Abc"));

        String text = new String(encoder.encode(event), StandardCharsets.UTF_8);

        assertThat(text).endsWith("}\n").doesNotContain("\n{").hasLineCount(1);
        JsonNode line = JSON.readTree(text);
        assertThat(line.get("time").asText()).isEqualTo("2026-11-30T07:00:00.123Z");
        assertThat(line.get("level").asText()).isEqualTo("INFO");
        assertThat(line.get("logger").asText()).isEqualTo("dev.vacme.server.access");
        assertThat(line.get("message").asText()).isEqualTo("POST /acme/new-order 201 12ms account=Abc");
        assertThat(line.get("method").asText()).isEqualTo("POST");
        assertThat(line.get("path").asText()).isEqualTo("/acme/new-order");
        assertThat(line.get("status").asInt()).isEqualTo(201);
        assertThat(line.get("duration_ms").asLong()).isEqualTo(12);
        assertThat(line.get("account").asText()).isEqualTo("Abc");
    }

    @Test
    void aMultiLineMessageAndAStackTraceStayOnOneLine() throws Exception {
        Logger logger = context.getLogger("dev.vacme.server.wfe.FailureHandler");
        LoggingEvent event = new LoggingEvent(Logger.class.getName(), logger, Level.ERROR,
                "incident {}: \"quoted\"\nsecond line", new IllegalStateException("boom"), new Object[] {"42"});

        String text = new String(encoder.encode(event), StandardCharsets.UTF_8);

        assertThat(text).hasLineCount(1);
        JsonNode line = JSON.readTree(text);
        assertThat(line.get("message").asText()).isEqualTo("incident 42: \"quoted\"\nsecond line");
        assertThat(line.get("stack").asText()).contains("boom");
    }
}

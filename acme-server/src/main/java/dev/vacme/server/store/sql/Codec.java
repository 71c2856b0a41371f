package dev.vacme.server.store.sql;

import dev.vacme.common.json.AcmeJson;
import dev.vacme.common.model.Identifier;
import dev.vacme.common.problem.Problem;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** Converts between Java values and the portable column types: epoch millis, 0/1 flags, JSON text. */
final class Codec {

    private Codec() {
    }

    static Long millis(Instant instant) {
        return instant == null ? null : instant.toEpochMilli();
    }

    static int flag(boolean value) {
        return value ? 1 : 0;
    }

    /** Writes a list or problem document as JSON text; null stays null. */
    static String json(Object value) {
        return value == null ? null : AcmeJson.write(value);
    }

    static List<String> strings(String json) {
        return Arrays.asList(AcmeJson.read(json, String[].class));
    }

    static List<Identifier> identifiers(String json) {
        return Arrays.asList(AcmeJson.read(json, Identifier[].class));
    }

    static Problem problem(String json) {
        return json == null ? null : AcmeJson.read(json, Problem.class);
    }

    /** Returns {@code count} comma-separated placeholders, for an IN list. */
    static String placeholders(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }
}

package dev.vacme.client.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A renewal configuration's instants read exactly as {@link Instant#parse} reads them. */
class StoredInstantsTest {

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
        "2027-02-27T09:34:04Z",
        "1970-01-01T00:00:00Z",
        "1969-12-31T23:59:59Z",
        "2024-02-29T12:00:00Z",
        "0000-01-01T00:00:00Z",
        "9999-12-31T23:59:59Z",
        "2026-11-30T10:15:30.5Z",
        "2026-11-30T10:15:30.123456789Z",
        "2026-11-30T10:15:30+02:00",
        "2026-06-30T23:59:60Z",
        "2027-02-27T24:00:00Z",
        "2027-02-27t09:34:04z",
    })
    void readsWhatInstantParseReads(String text) {
        assertThat(StoredInstants.parse(text)).isEqualTo(Instant.parse(text));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
        "2027-02-30T09:34:04Z",
        "2027-13-01T09:34:04Z",
        "2027-00-01T09:34:04Z",
        "2027-02-27T09:60:00Z",
        "2027-02-27T09:34:61Z",
        "2027-02-27 09:34:04Z",
        "2O27-02-27T09:34:04Z",
        "2027-02-27T09:34:04",
        "2026-11-30T10:15Z",
        "",
        "soon",
    })
    void rejectsWhatInstantParseRejects(String text) {
        assertThatThrownBy(() -> Instant.parse(text)).isInstanceOf(DateTimeParseException.class);
        assertThatThrownBy(() -> StoredInstants.parse(text)).isInstanceOf(DateTimeParseException.class);
    }
}

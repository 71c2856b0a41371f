package dev.vacme.server.store.pg;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlaceholdersTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "SELECT 1 | SELECT 1",
        "SELECT * FROM t WHERE a = ? AND b = ? | SELECT * FROM t WHERE a = $1 AND b = $2",
        "INSERT INTO t VALUES (?, '?', ?) | INSERT INTO t VALUES ($1, '?', $2)",
        "SELECT \"odd?name\" FROM t WHERE x = ? | SELECT \"odd?name\" FROM t WHERE x = $1",
        "SELECT 'it''s ?' WHERE y IN (?, ?, ?) | SELECT 'it''s ?' WHERE y IN ($1, $2, $3)",
    })
    void numbersPlaceholdersOutsideQuotes(String portable, String postgres) {
        assertThat(Placeholders.numbered(portable)).isEqualTo(postgres);
    }
}

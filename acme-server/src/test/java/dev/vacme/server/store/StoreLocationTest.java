package dev.vacme.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StoreLocationTest {

    private static final String EXPECTED = "expected postgresql://user[:password]@host[:port]/database[?schema=NAME]";

    static Stream<Arguments> validUrls() {
        return Stream.of(
                Arguments.of("postgresql://postgres@127.0.0.1:5432/test",
                        new StoreLocation.Postgres("127.0.0.1", 5432, "test", "postgres", null, null)),
                Arguments.of("postgres://vacme:s3cret@db.example.org/acme",
                        new StoreLocation.Postgres("db.example.org", 5432, "acme", "vacme", "s3cret", null)),
                Arguments.of("postgresql://vacme:p%40ss%2Fw+rd@db:6543/acme?schema=ca_1",
                        new StoreLocation.Postgres("db", 6543, "acme", "vacme", "p@ss/w+rd", "ca_1")),
                Arguments.of("postgresql://u@[::1]:5433/d?currentSchema=Vacme",
                        new StoreLocation.Postgres("::1", 5433, "d", "u", null, "Vacme")),
                Arguments.of("postgresql://ops%2Bca@h/d",
                        new StoreLocation.Postgres("h", 5432, "d", "ops+ca", null, null)),
                Arguments.of("sqlite:/var/lib/vacme/vacme.db", new StoreLocation.Sqlite(Path.of("/var/lib/vacme/vacme.db"))),
                Arguments.of("sqlite:data/vacme.db", new StoreLocation.Sqlite(Path.of("data/vacme.db"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validUrls")
    void parsesDatabaseUrls(String url, StoreLocation expected) {
        assertThat(StoreLocation.parse(url)).isEqualTo(expected);
    }

    static Stream<Arguments> malformedUrls() {
        return Stream.of(
                Arguments.of("", "malformed database URL '': " + EXPECTED + " or sqlite:PATH"),
                Arguments.of("mysql://u@h/d", "malformed database URL 'mysql://u@h/d': " + EXPECTED + " or sqlite:PATH"),
                Arguments.of("/var/lib/vacme.db", "malformed database URL '/var/lib/vacme.db': " + EXPECTED + " or sqlite:PATH"),
                Arguments.of("sqlite:", "malformed database URL 'sqlite:': expected sqlite:PATH"),
                Arguments.of("postgresql://h/d", "malformed database URL 'postgresql://h/d': missing user; " + EXPECTED),
                Arguments.of("postgresql://:pw@h/d", "malformed database URL 'postgresql://:***@h/d': missing user; " + EXPECTED),
                Arguments.of("postgresql://u:secret@/d",
                        "malformed database URL 'postgresql://u:***@/d': missing or invalid host or port; " + EXPECTED),
                Arguments.of("postgresql://u:secret@h:port/d",
                        "malformed database URL 'postgresql://u:***@h:port/d': missing or invalid host or port; " + EXPECTED),
                Arguments.of("postgresql://u:secret@h dot/d", "malformed database URL 'postgresql://u:***@h dot/d': " + EXPECTED),
                Arguments.of("postgresql://u@h", "malformed database URL 'postgresql://u@h': missing or invalid database name; " + EXPECTED),
                Arguments.of("postgresql://u@h/", "malformed database URL 'postgresql://u@h/': missing or invalid database name; " + EXPECTED),
                Arguments.of("postgresql://u@h/d/e",
                        "malformed database URL 'postgresql://u@h/d/e': missing or invalid database name; " + EXPECTED),
                Arguments.of("postgresql://u@h/d?sslmode=require",
                        "malformed database URL 'postgresql://u@h/d?sslmode=require': unsupported parameter 'sslmode' (only schema is supported)"),
                Arguments.of("postgresql://u@h/d?schema=a-b",
                        "malformed database URL 'postgresql://u@h/d?schema=a-b': invalid schema name 'a-b' (letters, digits and _, at most 63)"),
                Arguments.of("postgresql://u@h/d?schema=",
                        "malformed database URL 'postgresql://u@h/d?schema=': invalid schema name '' (letters, digits and _, at most 63)"));
    }

    @ParameterizedTest(name = "[{index}] ''{0}''")
    @MethodSource("malformedUrls")
    void rejectsMalformedUrlsWithOneLineThatHidesThePassword(String url, String message) {
        assertThatThrownBy(() -> StoreLocation.parse(url)).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    @Test
    void describesAPostgresLocationWithoutItsPassword() {
        StoreLocation location = StoreLocation.parse("postgresql://vacme:s3cret@[::1]:6543/acme?schema=ca");

        assertThat(location.describe()).isEqualTo("PostgreSQL database postgresql://vacme@[::1]:6543/acme?schema=ca");
        assertThat(location.toString()).doesNotContain("s3cret");
    }

    @Test
    void theDefaultStoreIsAFileInTheDataDirectory() {
        assertThat(StoreLocation.inDataDirectory(Path.of("vacme-data")))
                .isEqualTo(new StoreLocation.Sqlite(Path.of("vacme-data", "vacme.db")));
    }
}

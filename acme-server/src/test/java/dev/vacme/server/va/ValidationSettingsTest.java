package dev.vacme.server.va;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ValidationSettingsTest {

    @Test
    void defaults() {
        ValidationSettings settings = ValidationSettings.defaults();
        assertThat(settings).isEqualTo(new ValidationSettings(80, List.of(), Optional.empty(), List.of(),
                Duration.ofSeconds(10), 32, 10, 1024, 443, 8));
        assertThat(settings.timeoutText()).isEqualTo("10 seconds");
    }

    static Stream<Arguments> badLimits() {
        return Stream.of(
                Arguments.of((UnaryOperator<ValidationSettings>) s -> s.withHttp01Port(0),
                        "invalid HTTP-01 port 0: expected a number from 1 to 65535"),
                Arguments.of((UnaryOperator<ValidationSettings>) s -> s.withHttp01Port(65536),
                        "invalid HTTP-01 port 65536: expected a number from 1 to 65535"),
                Arguments.of((UnaryOperator<ValidationSettings>) s -> s.withTlsAlpn01Port(0),
                        "invalid TLS-ALPN-01 port 0: expected a number from 1 to 65535"),
                Arguments.of((UnaryOperator<ValidationSettings>) s -> s.withTimeout(Duration.ZERO),
                        "validation timeout PT0S must be at least 1 ms"),
                Arguments.of((UnaryOperator<ValidationSettings>) s -> s.withTimeout(Duration.ofSeconds(-1)),
                        "validation timeout PT-1S must be at least 1 ms"),
                Arguments.of((UnaryOperator<ValidationSettings>) s -> s.withMaxInFlight(0),
                        "invalid maximum validations in flight 0: expected a number from 1 to 100000"),
                Arguments.of((UnaryOperator<ValidationSettings>) s -> s.withMaxPerHost(0),
                        "invalid maximum validations per host 0: expected a number from 1 to 100000"),
                Arguments.of((UnaryOperator<ValidationSettings>) s -> s.withMaxRedirects(-1),
                        "invalid maximum redirects -1: expected a number from 0 to 100"),
                Arguments.of((UnaryOperator<ValidationSettings>) s -> s.withMaxBodyBytes(0),
                        "invalid maximum body size 0: expected a number from 1 to 65536"),
                Arguments.of((UnaryOperator<ValidationSettings>) s -> s.withMaxBodyBytes(65537),
                        "invalid maximum body size 65537: expected a number from 1 to 65536"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("badLimits")
    void rejectsBadLimits(UnaryOperator<ValidationSettings> change, String message) {
        assertThatThrownBy(() -> change.apply(ValidationSettings.defaults()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void timeoutText() {
        assertThat(ValidationSettings.defaults().withTimeout(Duration.ofMillis(300)).timeoutText()).isEqualTo("300 ms");
        assertThat(ValidationSettings.defaults().withTimeout(Duration.ofSeconds(1)).timeoutText()).isEqualTo("1 second");
    }
}

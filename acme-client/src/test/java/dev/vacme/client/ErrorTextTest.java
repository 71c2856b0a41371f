package dev.vacme.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ErrorTextTest {

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of(new AccessDeniedException("/etc/vacme/accounts"), "/etc/vacme/accounts: permission denied"),
                Arguments.of(new NoSuchFileException("/x/y"), "/x/y: no such file or directory"),
                Arguments.of(new FileSystemException("/x/y", null, "Not a directory"), "/x/y: not a directory"),
                Arguments.of(new FileSystemException("/a", "/b", "Invalid cross-device link"),
                        "/a -> /b: invalid cross-device link"),
                Arguments.of(new UncheckedIOException(new AccessDeniedException("/k")), "/k: permission denied"),
                Arguments.of(new IOException("PKIX path building failed: sun.security.provider.certpath"
                        + ".SunCertPathBuilderException: unable to find valid certification path"),
                        "PKIX path building failed: unable to find valid certification path"),
                Arguments.of(new IOException(null, new IOException("Broken pipe")), "Broken pipe"),
                Arguments.of(new IllegalStateException(), "unexpected error"),
                Arguments.of(new VacmeException("vacme's own words"), "vacme's own words"));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("failures")
    void saysWhatWentWrongWithoutJava(Throwable failure, String expected) {
        assertThat(ErrorText.of(failure)).isEqualTo(expected);
    }
}

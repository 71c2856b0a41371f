package dev.vacme.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StandardInputTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "[{index}] stdin -> {0}")
    @CsvSource({
        "/dev/pts/3,         true",
        "/dev/tty1,          true",
        "/dev/ttyS0,         true",
        "/dev/console,       true",
        "/dev/null,          false",
        "pipe:[123456],      false",
        "socket:[98765],     false",
        "/var/log/vacme.log, false",
    })
    void isATerminalOnlyWhenItIsATerminalDevice(String target, boolean terminal) throws IOException {
        Path link = Files.createSymbolicLink(dir.resolve("0"), Path.of(target));

        assertThat(StandardInput.isTerminal(link)).hasValue(terminal);
    }

    @Test
    void saysNothingWithoutProc() {
        assertThat(StandardInput.isTerminal(dir.resolve("missing"))).isEmpty();
    }
}

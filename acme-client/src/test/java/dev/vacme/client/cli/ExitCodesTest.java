package dev.vacme.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vacme.client.UsageException;
import dev.vacme.client.acme.AcmeNetworkException;
import dev.vacme.client.acme.AcmeProblemException;
import dev.vacme.client.acme.AcmeTimeoutException;
import dev.vacme.client.acme.RateLimitedException;
import dev.vacme.client.hook.HookException;
import dev.vacme.client.store.StoreException;
import dev.vacme.common.problem.Problem;
import dev.vacme.common.problem.ProblemType;
import java.io.IOException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

class ExitCodesTest {

    static Stream<Arguments> failures() {
        CommandLine commandLine = new CommandLine(new VacmeCommand(null));
        return Stream.of(
                Arguments.of(new UsageException("give -d"), 2, "give -d"),
                Arguments.of(new CommandLine.UnmatchedArgumentException(commandLine, "--bogus"), 2, "--bogus"),
                Arguments.of(new AcmeProblemException(Problem.of(ProblemType.UNAUTHORIZED, "no"), null), 1,
                        "unauthorized: no"),
                Arguments.of(new RateLimitedException(Problem.of(ProblemType.RATE_LIMITED, "slow down"), null, null,
                        List.of()), 1,
                        "rateLimited: slow down"),
                Arguments.of(new AcmeNetworkException("cannot reach https://ca.test/dir: refused", new IOException()), 1,
                        "cannot reach https://ca.test/dir: refused"),
                Arguments.of(new AcmeTimeoutException("order is still not final"), 1, "order is still not final"),
                Arguments.of(new StoreException("cannot write"), 1, "cannot write"),
                Arguments.of(new HookException("pre-hook failed", (Throwable) null), 1, "pre-hook failed"),
                Arguments.of(new IllegalStateException("bug"), 1,
                        "unexpected internal error: bug (run with -v for details)"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("failures")
    void mapsEveryFailureToOneExitCodeAndMessage(Exception failure, int code, String message) {
        assertThat(ExitCodes.of(failure)).isEqualTo(code);
        assertThat(ExitCodes.message(failure)).contains(message);
    }

    @Test
    void aRevocationCheckExitsThreeForRevokedBeforeOneForBrokenBeforeFourForUnknown() {
        assertThat(List.of(ExitCodes.OK, ExitCodes.FAILURE, ExitCodes.USAGE, ExitCodes.REVOKED,
                ExitCodes.REVOCATION_UNKNOWN)).containsExactly(0, 1, 2, 3, 4);
    }

    @Test
    void completedCommandsExitZeroUnlessSomethingFailed() {
        assertThat(ExitCodes.of(false)).isZero();
        assertThat(ExitCodes.of(true)).isEqualTo(1);
    }
}

package dev.vacme.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** --version names the build: the project version and the commit Maven filtered in. */
class VacmeVersionTest {

    @Test
    void theVersionAndCommitAreFilledInByTheBuild() {
        assertThat(VacmeVersion.get()).matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
        assertThat(VacmeVersion.commit()).as("an abbreviated commit, or unknown outside a git checkout")
                .matches("[0-9a-f]{7,40}|unknown");
        assertThat(VacmeVersion.describe()).isEqualTo(VacmeVersion.get() + " (commit " + VacmeVersion.commit() + ")");
    }
}

package dev.vacme.server.ca;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vacme.common.testing.SettableClock;
import dev.vacme.server.ca.IssuerSchedule.Phase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which intermediate issues, and which still answer, at moments around a rotation. */
class IssuerScheduleTest {

    private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant ROTATED = Instant.parse("2026-03-01T00:00:00Z");
    private static final Duration OVERLAP = Duration.ofHours(24);
    private static final Duration VALIDITY = Duration.ofDays(90);

    @TempDir
    Path dir;

    private CaHierarchy hierarchy;
    private String firstId;
    private String secondId;

    @BeforeEach
    void rotateOnce() {
        SecureRandom random = new SecureRandom();
        CaStorage storage = new CaStorage(dir, Clock.fixed(CREATED, ZoneOffset.UTC), random);
        storage.loadOrCreate();
        CaRotation rotation = new CaRotation(storage, Clock.fixed(ROTATED, ZoneOffset.UTC), random);
        secondId = rotation.rotateIntermediate(rotation.ownRoot()).id();
        hierarchy = rotation.hierarchy();
        firstId = hierarchy.intermediates().get(0).id();
    }

    private List<Phase> phasesAt(Instant now) {
        return new IssuerSchedule(OVERLAP, VALIDITY).states(hierarchy, now).stream().map(IssuerSchedule.State::phase)
                .toList();
    }

    private String activeAt(Instant now, Duration overlap) {
        return IssuerIds.of(new IssuerSchedule(overlap, VALIDITY).issuers(hierarchy, now).active().issuer());
    }

    @Test
    void theNewIntermediateWaitsForTheOverlapWhileTheOldOneIssues() {
        Instant during = ROTATED.plus(OVERLAP).minusSeconds(1);

        assertThat(hierarchy.intermediates()).extracting(Intermediate::id).containsExactly(firstId, secondId);
        assertThat(phasesAt(during)).containsExactly(Phase.ACTIVE, Phase.WAITING);
        assertThat(activeAt(during, OVERLAP)).isEqualTo(firstId);
        assertThat(new IssuerSchedule(OVERLAP, VALIDITY).issuers(hierarchy, during).all())
                .as("the waiting one is listed, so revocation services can publish for it")
                .extracting(source -> IssuerIds.of(source.issuer())).containsExactly(firstId, secondId);
    }

    @Test
    void theNewIntermediateIssuesOnceTheOverlapHasPassed() {
        Instant after = ROTATED.plus(OVERLAP);

        assertThat(phasesAt(after)).containsExactly(Phase.RETIRED, Phase.ACTIVE);
        assertThat(activeAt(after, OVERLAP)).isEqualTo(secondId);
        IssuerSchedule.State retired = new IssuerSchedule(OVERLAP, VALIDITY).states(hierarchy, after).get(0);
        assertThat(retired.retiredAt()).contains(after);
        assertThat(retired.answersUntil()).isEqualTo(after.plus(VALIDITY));
    }

    @Test
    void aZeroOverlapMakesTheNewIntermediateIssueAtOnce() {
        assertThat(activeAt(ROTATED.minusSeconds(1), Duration.ZERO)).isEqualTo(firstId);
        assertThat(activeAt(ROTATED, Duration.ZERO)).isEqualTo(secondId);
    }

    @Test
    void theRetiredIntermediateAnswersUntilItsLastCertificateCouldHaveExpired() {
        Instant retiredAt = ROTATED.plus(OVERLAP);
        Instant lastExpiry = retiredAt.plus(VALIDITY);
        IssuerSchedule schedule = new IssuerSchedule(OVERLAP, VALIDITY);

        assertThat(phasesAt(lastExpiry.minusSeconds(1))).containsExactly(Phase.RETIRED, Phase.ACTIVE);
        assertThat(schedule.issuers(hierarchy, lastExpiry.minusSeconds(1)).byId(firstId)).isPresent();
        assertThat(phasesAt(lastExpiry)).containsExactly(Phase.GONE, Phase.ACTIVE);
        assertThat(schedule.issuers(hierarchy, lastExpiry).all()).extracting(source -> IssuerIds.of(source.issuer()))
                .containsExactly(secondId);
    }

    @Test
    void aRetiredIntermediateAnswersNoLongerThanItsOwnCertificate() {
        Instant firstExpiry = hierarchy.intermediates().get(0).certificate().getNotAfter().toInstant();
        IssuerSchedule longLived = new IssuerSchedule(OVERLAP, Duration.ofDays(3650));

        IssuerSchedule.State retired = longLived.states(hierarchy, ROTATED.plus(OVERLAP)).get(0);

        assertThat(retired.answersUntil()).isEqualTo(firstExpiry);
    }

    @Test
    void aNewerIntermediateWhoseFilesWereWrittenMeanwhileIsPickedUpByAReload() throws Exception {
        CaStorage storage = new CaStorage(dir, Clock.fixed(CREATED, ZoneOffset.UTC), new SecureRandom());
        SettableClock clock = new SettableClock(ROTATED.plus(OVERLAP));
        LiveIssuers live = LiveIssuers.load(storage, storage.loadExisting(), new IssuerSchedule(Duration.ZERO, VALIDITY),
                clock);
        assertThat(IssuerIds.of(live.get().active().issuer())).isEqualTo(secondId);

        Instant later = ROTATED.plus(Duration.ofDays(2));
        String third = new CaRotation(storage, Clock.fixed(later, ZoneOffset.UTC), new SecureRandom())
                .rotateIntermediate(new CaRotation(storage, clock, new SecureRandom()).ownRoot()).id();
        assertThat(live.get().byId(third)).as("not read yet").isEmpty();

        assertThat(live.reload()).isTrue();
        clock.set(later);
        assertThat(IssuerIds.of(live.get().active().issuer())).isEqualTo(third);
        assertThat(live.reload()).as("nothing new").isFalse();
        assertThat(Files.readString(dir.resolve("intermediates").resolve(third).resolve("created")).strip())
                .isEqualTo(later.toString());
    }

}

package dev.vacme.server.ca;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides, for a moment in time, which intermediate issues and which still answer for their
 * certificates. The newest intermediate takes over once it is older than the overlap (the time
 * relying parties and caches get to learn it); until then the one before keeps issuing. An
 * intermediate that stopped issuing stays listed until the last certificate it may have signed
 * expires: its retirement plus the longest profile validity, or its own notAfter if sooner.
 */
public final class IssuerSchedule {

    private final Duration overlap;
    private final Duration longestValidity;

    /**
     * @param overlap         how long a new intermediate waits before it issues ({@code intermediate-overlap})
     * @param longestValidity the longest lifetime any profile gives a certificate
     */
    public IssuerSchedule(Duration overlap, Duration longestValidity) {
        if (overlap.isNegative()) {
            throw new IllegalArgumentException("the overlap must not be negative");
        }
        this.overlap = overlap;
        this.longestValidity = longestValidity;
    }

    /** What an intermediate does at a moment. */
    public enum Phase {
        /** Made, but waits for the overlap to pass before it issues. */
        WAITING,
        /** Issues new certificates. */
        ACTIVE,
        /** No longer issues; answers for the certificates it signed until they have all expired. */
        RETIRED,
        /** Every certificate it signed has expired: nothing is left to answer for. */
        GONE
    }

    /**
     * An intermediate's state at a moment.
     *
     * @param intermediate the intermediate
     * @param phase        what it does now
     * @param activeFrom   when it starts (or started) issuing; the creation time for the first one
     * @param retiredAt    when it stopped issuing, for a retired or gone one
     * @param answersUntil when its last certificate expires, as far as known: for the active and
     *                     waiting ones, their own notAfter
     */
    public record State(Intermediate intermediate, Phase phase, Instant activeFrom, Optional<Instant> retiredAt,
            Instant answersUntil) {
    }

    /** The states of all intermediates of the hierarchy at {@code now}, oldest first. */
    public List<State> states(CaHierarchy hierarchy, Instant now) {
        List<Intermediate> intermediates = hierarchy.intermediates();
        List<Instant> activeFrom = new ArrayList<>();
        for (int i = 0; i < intermediates.size(); i++) {
            Instant created = intermediates.get(i).created();
            activeFrom.add(i == 0 ? created : created.plus(overlap));
        }
        int active = 0;
        for (int i = 1; i < intermediates.size(); i++) {
            if (!activeFrom.get(i).isAfter(now)) {
                active = i;
            }
        }
        List<State> states = new ArrayList<>();
        for (int i = 0; i < intermediates.size(); i++) {
            Intermediate intermediate = intermediates.get(i);
            Instant notAfter = intermediate.certificate().getNotAfter().toInstant();
            if (i == active) {
                states.add(new State(intermediate, Phase.ACTIVE, activeFrom.get(i), Optional.empty(), notAfter));
            } else if (i > active) {
                states.add(new State(intermediate, Phase.WAITING, activeFrom.get(i), Optional.empty(), notAfter));
            } else {
                Instant retiredAt = activeFrom.get(i + 1);
                Instant lastExpiry = retiredAt.plus(longestValidity);
                Instant answersUntil = lastExpiry.isBefore(notAfter) ? lastExpiry : notAfter;
                Phase phase = answersUntil.isAfter(now) ? Phase.RETIRED : Phase.GONE;
                states.add(new State(intermediate, phase, activeFrom.get(i), Optional.of(retiredAt), answersUntil));
            }
        }
        return states;
    }

    /**
     * The issuers at {@code now}: the active one, and every one not gone (the waiting ones too,
     * so that revocation services can publish for them before their first certificate).
     */
    public Issuers issuers(CaHierarchy hierarchy, Instant now) {
        SigningKeySource active = null;
        List<SigningKeySource> all = new ArrayList<>();
        Map<String, List<List<X509Certificate>>> alternates = new LinkedHashMap<>();
        for (State state : states(hierarchy, now)) {
            if (state.phase() == Phase.GONE) {
                continue;
            }
            Intermediate intermediate = state.intermediate();
            if (state.phase() == Phase.ACTIVE) {
                active = intermediate.key();
            }
            all.add(intermediate.key());
            if (!intermediate.crossSignatures().isEmpty()) {
                alternates.put(intermediate.id(), intermediate.crossSignatures().stream().map(List::of).toList());
            }
        }
        return new Issuers(active, all, alternates);
    }
}

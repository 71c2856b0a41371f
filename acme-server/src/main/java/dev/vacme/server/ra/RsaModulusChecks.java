package dev.vacme.server.ra;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;

/**
 * Sanity checks on an RSA modulus that a correctly generated key always passes, after Boulder's
 * key policy: no small prime factor, not factorable by Fermat's method (primes too close together),
 * and not produced by the Infineon RSALib flaw (ROCA, CVE-2017-15361).
 */
final class RsaModulusChecks {

    /** Primes below this bound must not divide the modulus. */
    private static final int SMALL_PRIME_BOUND = 1000;
    /** How many steps of Fermat's method to try; enough for primes sharing their top ~500 bits. */
    private static final int FERMAT_ROUNDS = 100;
    /**
     * The small primes of the ROCA fingerprint: RSALib's primes are {@code k·M + (65537^a mod M)}
     * with M a primorial, so the modulus lies, for every prime r dividing M, in the subgroup that
     * 65537 generates modulo r. A random modulus passes all of these by chance with negligible odds.
     */
    private static final int[] ROCA_PRIMES = {
        11, 13, 17, 19, 37, 53, 61, 71, 73, 79, 97, 103, 107, 109, 127, 151, 157
    };
    private static final BigInteger F4 = BigInteger.valueOf(65537);

    private static final List<BigInteger> SMALL_PRIMES = smallPrimes();
    private static final BitSet[] ROCA_SUBGROUPS = rocaSubgroups();

    private RsaModulusChecks() {
    }

    /** Returns why the modulus is unsafe, or empty when it passes every check. */
    static Optional<String> weakness(BigInteger modulus) {
        for (BigInteger prime : SMALL_PRIMES) {
            if (modulus.mod(prime).signum() == 0) {
                return Optional.of("its RSA modulus is divisible by " + prime);
            }
        }
        if (hasRocaFingerprint(modulus)) {
            return Optional.of("its RSA modulus was made by a generator with a known flaw (ROCA, CVE-2017-15361)");
        }
        if (fermatFactorable(modulus)) {
            return Optional.of("its RSA modulus is the product of two primes so close together that it can be factored");
        }
        return Optional.empty();
    }

    private static boolean hasRocaFingerprint(BigInteger modulus) {
        for (int i = 0; i < ROCA_PRIMES.length; i++) {
            int residue = modulus.mod(BigInteger.valueOf(ROCA_PRIMES[i])).intValue();
            if (!ROCA_SUBGROUPS[i].get(residue)) {
                return false;
            }
        }
        return true;
    }

    /** Fermat's method: n = a² − b² = (a − b)(a + b) is found quickly when the factors are close. */
    private static boolean fermatFactorable(BigInteger modulus) {
        BigInteger a = modulus.sqrt();
        if (a.multiply(a).compareTo(modulus) < 0) {
            a = a.add(BigInteger.ONE);
        }
        for (int round = 0; round < FERMAT_ROUNDS; round++) {
            BigInteger bSquared = a.multiply(a).subtract(modulus);
            BigInteger b = bSquared.sqrt();
            if (b.multiply(b).equals(bSquared)) {
                return true;
            }
            a = a.add(BigInteger.ONE);
        }
        return false;
    }

    private static List<BigInteger> smallPrimes() {
        BitSet composite = new BitSet(SMALL_PRIME_BOUND);
        List<BigInteger> primes = new ArrayList<>();
        for (int n = 2; n < SMALL_PRIME_BOUND; n++) {
            if (!composite.get(n)) {
                primes.add(BigInteger.valueOf(n));
                for (int multiple = n * n; multiple < SMALL_PRIME_BOUND; multiple += n) {
                    composite.set(multiple);
                }
            }
        }
        return List.copyOf(primes);
    }

    /** For each ROCA prime r, the residues {65537^k mod r}. */
    private static BitSet[] rocaSubgroups() {
        BitSet[] subgroups = new BitSet[ROCA_PRIMES.length];
        for (int i = 0; i < ROCA_PRIMES.length; i++) {
            int r = ROCA_PRIMES[i];
            int generator = F4.mod(BigInteger.valueOf(r)).intValue();
            BitSet members = new BitSet(r);
            int element = 1;
            while (!members.get(element)) {
                members.set(element);
                element = element * generator % r;
            }
            subgroups[i] = members;
        }
        return subgroups;
    }
}

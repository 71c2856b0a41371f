package dev.vacme.server.ca;

import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.bouncycastle.asn1.x500.X500Name;

/**
 * What {@code vacme-server ca} changes in the hierarchy: a new intermediate under the CA's root,
 * and a second certificate for an intermediate from an alternate root (the alternate chain of
 * RFC 8555 §7.4.2, as Let's Encrypt served ISRG Root X1 cross-signed by DST Root CA X3). Works on
 * the files alone, so it runs offline or beside a running server, which picks the change up when
 * it next re-reads the directory. The new keys are made where the CA keeps its keys
 * ({@link HierarchyKeys}): PEM files, or the CA's PKCS#11 token. Blocking.
 */
public final class CaRotation {

    private static final Duration BACKDATE = Duration.ofHours(1);
    private static final Duration INTERMEDIATE_VALIDITY = Duration.ofDays(1825);
    private static final Duration ALTERNATE_ROOT_VALIDITY = Duration.ofDays(3650);

    private final Path caDir;
    private final Supplier<CaKeys> first;
    private final Map<String, SigningKeySource> firstKey;
    private final Supplier<RootSigner> ownRoot;
    private final CaDirectory directory;
    private final Clock clock;
    private final SecureRandom random;

    private CaRotation(Path caDir, Supplier<CaKeys> first, Map<String, SigningKeySource> firstKey,
            Supplier<RootSigner> ownRoot, HierarchyKeys keys, Clock clock, SecureRandom random) {
        this.caDir = caDir;
        this.first = first;
        this.firstKey = firstKey;
        this.ownRoot = ownRoot;
        this.directory = new CaDirectory(caDir, keys);
        this.clock = clock;
        this.random = random;
    }

    /** Works on the CA in {@code storage}'s directory, whose keys are PEM files. */
    public CaRotation(CaStorage storage, Clock clock, SecureRandom random) {
        this(storage.directory(), storage::loadExisting, Map.of(),
                () -> new CaDirectory(storage.directory()).rootSigner(storage.loadExisting().root()),
                new PemHierarchyKeys(random), clock, random);
    }

    /**
     * Works on the CA in {@code caDir} whose keys are on a PKCS#11 token: new keys are made there,
     * and the root signs there.
     *
     * @param first the root and first intermediate as {@link TokenCaStorage} loaded them
     */
    public static CaRotation onToken(Path caDir, Pkcs11SigningKeySource first, Clock clock, SecureRandom random) {
        TokenHierarchyKeys keys = new TokenHierarchyKeys(first);
        return new CaRotation(caDir, first::hierarchy, Map.of(IssuerIds.of(first.issuer()), first), keys::ownRoot,
                keys, clock, random);
    }

    /** The CA directory, {@code <data-dir>/ca}. */
    public Path directory() {
        return caDir;
    }

    /** Reads the hierarchy as it is on disk. */
    public CaHierarchy hierarchy() {
        return directory.load(first.get(), firstKey);
    }

    /**
     * Makes a new intermediate: an EC P-256 key and a certificate from the CA's root (valid five
     * years, never past the root), stored as {@code intermediates/ID/}.
     *
     * @param root the CA's root key; {@link #ownRoot()} for the PEM file in the CA directory
     * @return the new intermediate
     */
    public Intermediate rotateIntermediate(RootSigner root) {
        if (!root.certificate().equals(first.get().root())) {
            throw new CaException(root.describe() + " is not the key of the CA's root " + caDir
                    .resolve(CaStorage.ROOT_CERT));
        }
        Instant now = clock.instant();
        Instant rootExpiry = root.certificate().getNotAfter().toInstant();
        Instant notAfter = earlier(now.plus(INTERMEDIATE_VALIDITY), rootExpiry);
        if (!notAfter.isAfter(now)) {
            throw new CaException("the root " + caDir.resolve(CaStorage.ROOT_CERT)
                    + " has expired: it cannot sign a new intermediate");
        }
        HierarchyKeys store = directory.keys();
        KeyPair keys = store.generate("secp256r1");
        String name = "Vacme Intermediate CA " + HexFormat.of().formatHex(random.generateSeed(3));
        X509Certificate certificate = CertificateProfiles.intermediate(keys.getPublic(),
                CertificateProfiles.caName(name), root.certificate(), root.signer(), new SerialNumbers(random).next(),
                now.minus(BACKDATE), notAfter);
        Map<String, String> kept = store.keep(HierarchyKeys.Role.INTERMEDIATE, IssuerIds.of(certificate), keys,
                certificate);
        try {
            directory.writeIntermediate(certificate, kept, now);
        } catch (RuntimeException e) {
            store.discard(kept);
            throw e;
        }
        return hierarchy().intermediate(IssuerIds.of(certificate)).orElseThrow();
    }

    /** The CA's own root key: {@code root-key.pem}, or the root key on the token. */
    public RootSigner ownRoot() {
        return ownRoot.get();
    }

    /**
     * Certifies an intermediate's key and name a second time from an alternate root, with the
     * same validity (never past the alternate root), stored as {@code cross-signed/ID/RID.pem}.
     *
     * @param intermediateId the intermediate, by id
     * @param alternateRoot  the root that signs; {@link #alternateRoot()} for the CA's own
     * @return the new certificate
     */
    public X509Certificate crossSign(String intermediateId, RootSigner alternateRoot) {
        CaHierarchy hierarchy = hierarchy();
        Intermediate intermediate = hierarchy.intermediate(intermediateId).orElseThrow(() -> new CaException(
                "no intermediate " + intermediateId + " in " + caDir + " ('vacme-server ca show' lists them)"));
        if (alternateRoot.certificate().equals(hierarchy.root())) {
            throw new CaException("the alternate root must differ from the CA's root");
        }
        X509Certificate original = intermediate.certificate();
        Instant notAfter = earlier(original.getNotAfter().toInstant(),
                alternateRoot.certificate().getNotAfter().toInstant());
        X509Certificate crossSigned = CertificateProfiles.intermediate(original.getPublicKey(),
                X500Name.getInstance(original.getSubjectX500Principal().getEncoded()), alternateRoot.certificate(),
                alternateRoot.signer(), new SerialNumbers(random).next(), original.getNotBefore().toInstant(),
                notAfter);
        directory.writeCrossSignature(crossSigned, alternateRoot.certificate());
        return crossSigned;
    }

    /**
     * The alternate root in {@code alternate-roots/}, generated (EC P-384, ten years) when there is
     * none yet.
     *
     * @throws CaException when there are several: the caller must say which
     */
    public RootSigner alternateRoot() {
        List<X509Certificate> roots = hierarchy().alternateRoots();
        if (roots.size() > 1) {
            throw new CaException("there are " + roots.size() + " alternate roots in " + caDir
                    .resolve(CaDirectory.ALTERNATE_ROOTS) + "; name one with --alternate-root");
        }
        if (roots.size() == 1) {
            return directory.alternateRootSigner(IssuerIds.of(roots.get(0)));
        }
        Instant now = clock.instant();
        HierarchyKeys store = directory.keys();
        KeyPair keys = store.generate("secp384r1");
        X509Certificate root = CertificateProfiles.root(keys.getPublic(),
                "Vacme Alternate Root CA " + HexFormat.of().formatHex(random.generateSeed(3)),
                new SerialNumbers(random).next(), now.minus(BACKDATE), now.plus(ALTERNATE_ROOT_VALIDITY),
                store.signer(keys));
        Map<String, String> kept = store.keep(HierarchyKeys.Role.ALTERNATE_ROOT, IssuerIds.of(root), keys, root);
        try {
            directory.writeAlternateRoot(root, kept);
        } catch (RuntimeException e) {
            store.discard(kept);
            throw e;
        }
        return directory.alternateRootSigner(IssuerIds.of(root));
    }

    /** The alternate root with this id. */
    public RootSigner alternateRoot(String rootId) {
        return directory.alternateRootSigner(rootId);
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}

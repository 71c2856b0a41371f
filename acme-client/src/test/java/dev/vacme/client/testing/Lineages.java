package dev.vacme.client.testing;

import dev.vacme.client.issue.IssuedChain;
import dev.vacme.client.issue.Obtained;
import dev.vacme.client.store.AuthenticatorSpec;
import dev.vacme.client.store.CertificateFacts;
import dev.vacme.client.store.ConfigLayout;
import dev.vacme.client.store.HookSpec;
import dev.vacme.client.store.KeySpec;
import dev.vacme.client.store.LineageStore;
import dev.vacme.client.store.RenewalConf;
import dev.vacme.common.pki.KeyType;
import dev.vacme.common.pki.Pem;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Writes lineages with chosen certificate dates straight into a config directory, without a server. */
public final class Lineages {

    /** The server URL fixtures remember. */
    public static final URI SERVER = URI.create("https://acme.invalid/dir");

    private static final AtomicLong SERIALS = new AtomicLong(0x1000);

    private final TestPki pki = new TestPki();
    private final LineageStore store;

    /** Creates the fixture writer for a config directory. */
    public Lineages(Path configDir) {
        this.store = new LineageStore(new ConfigLayout(configDir), message -> { });
    }

    /** Returns the store. */
    public LineageStore store() {
        return store;
    }

    /** Returns the test CA. */
    public TestPki pki() {
        return pki;
    }

    /** Installs a new version of a lineage valid from {@code notBefore} to {@code notAfter}. */
    public RenewalConf install(String name, List<String> domains, Instant notBefore, Instant notAfter, HookSpec hooks) {
        KeyPair key = KeyType.EC_P256.generate();
        X509Certificate leaf = pki.leaf(key, domains, notBefore, notAfter,
                BigInteger.valueOf(SERIALS.incrementAndGet()));
        IssuedChain chain = new IssuedChain(List.of(leaf, pki.ca()));
        int version = store.install(name, chain.toPemBundle(Pem.encodePrivateKey(key.getPrivate())));
        RenewalConf conf = new RenewalConf(SERVER, domains, AuthenticatorSpec.standalone("127.0.0.1", 80), KeySpec.DEFAULT,
                hooks, CertificateFacts.of(version, leaf, null, null), null);
        store.writeConf(name, conf, "test");
        return conf;
    }

    /** Does what a successful renewal does: installs a fresh certificate valid from {@code now} for 90 days. */
    public Obtained renew(String name, RenewalConf conf, Instant now) {
        KeyPair key = KeyType.EC_P256.generate();
        X509Certificate leaf = pki.leaf(key, conf.domains(), now, now.plus(Duration.ofDays(90)),
                BigInteger.valueOf(SERIALS.incrementAndGet()));
        IssuedChain chain = new IssuedChain(List.of(leaf, pki.ca()));
        int version = store.install(name, chain.toPemBundle(Pem.encodePrivateKey(key.getPrivate())));
        CertificateFacts facts = CertificateFacts.of(version, leaf, null, null);
        RenewalConf updated = conf.withCertificate(facts);
        store.writeConf(name, updated, "test");
        return new Obtained(name, chain, updated, facts, store.liveFiles(name), false);
    }

    /** Installs a lineage without hooks. */
    public RenewalConf install(String name, Instant notBefore, Instant notAfter) {
        return install(name, List.of(name), notBefore, notAfter, HookSpec.NONE);
    }
}

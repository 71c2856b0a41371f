package dev.vacme.client.cli;

import dev.vacme.client.UsageException;
import dev.vacme.client.store.KeySpec;
import picocli.CommandLine.Option;

/** The certificate key options, named as certbot names them. */
public final class KeyOptions {

    @Option(names = "--key-type", paramLabel = "TYPE", description = "ecdsa (default) or rsa")
    String keyType;

    @Option(names = "--elliptic-curve", paramLabel = "CURVE", description = "secp256r1 (default) or secp384r1")
    String curve;

    @Option(names = "--rsa-key-size", paramLabel = "BITS", description = "2048 (default), 3072 or 4096")
    Integer rsaBits;

    @Option(names = "--reuse-key", description = "Keep the private key when renewing (remembered)")
    boolean reuseKey;

    @Option(names = "--no-reuse-key", description = "Use a new private key for every certificate (the default)")
    boolean noReuseKey;

    /** Returns the key settings: these options over the remembered ones, over the defaults. */
    KeySpec resolve(KeySpec remembered) {
        if (reuseKey && noReuseKey) {
            throw new UsageException("--reuse-key and --no-reuse-key contradict each other");
        }
        KeySpec base = remembered == null ? KeySpec.DEFAULT : remembered;
        String type = keyType != null ? keyType
                : rsaBits != null && curve == null ? "rsa"
                : curve != null ? "ecdsa"
                : base.type();
        boolean reuse = reuseKey || (!noReuseKey && base.reuseKey());
        return new KeySpec(type, curve != null ? curve : base.curve(), rsaBits != null ? rsaBits : base.rsaBits(),
                reuse);
    }
}

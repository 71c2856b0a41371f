package dev.vacme.client.store;

import java.nio.file.Path;

/**
 * Where things live under the config directory, in certbot's layout:
 * <pre>
 * accounts/HOST[:PORT]/PATH/   the account key and URL for each ACME server
 * archive/NAME/N/              version N of lineage NAME: cert.pem chain.pem fullchain.pem privkey.pem
 * live/NAME -&gt; ../archive/NAME/N   the current version (a symlink, switched atomically)
 * renewal/NAME.conf            how to renew NAME, and what vacme last learnt about it
 * .lock                        held while certificates are issued, renewed, revoked or deleted
 * </pre>
 *
 * @param root the config directory
 */
public record ConfigLayout(Path root) {

    /** Returns {@code live/}. */
    public Path live() {
        return root.resolve("live");
    }

    /** Returns {@code archive/}. */
    public Path archive() {
        return root.resolve("archive");
    }

    /** Returns {@code renewal/}. */
    public Path renewal() {
        return root.resolve("renewal");
    }

    /** Returns {@code accounts/}. */
    public Path accounts() {
        return root.resolve("accounts");
    }

    /** Returns the lock file. */
    public Path lockFile() {
        return root.resolve(".lock");
    }

    /** Returns {@code live/NAME}, the symlink to the current version. */
    public Path liveDir(String name) {
        return live().resolve(LineageNames.check(name));
    }

    /** Returns {@code archive/NAME}. */
    public Path archiveDir(String name) {
        return archive().resolve(LineageNames.check(name));
    }

    /** Returns {@code renewal/NAME.conf}. */
    public Path renewalConf(String name) {
        return renewal().resolve(LineageNames.check(name) + ".conf");
    }
}

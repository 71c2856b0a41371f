package dev.vacme.client.store;

import java.nio.file.Path;

/**
 * The paths of a lineage's files, through the {@code live/NAME} symlink or in one archive version.
 *
 * @param directory the directory holding the four files
 */
public record LineageFiles(Path directory) {

    /** File name of the leaf certificate. */
    public static final String CERT = "cert.pem";
    /** File name of the intermediates. */
    public static final String CHAIN = "chain.pem";
    /** File name of leaf plus intermediates. */
    public static final String FULLCHAIN = "fullchain.pem";
    /** File name of the private key. */
    public static final String PRIVKEY = "privkey.pem";

    /** Returns {@code cert.pem}. */
    public Path cert() {
        return directory.resolve(CERT);
    }

    /** Returns {@code chain.pem}. */
    public Path chain() {
        return directory.resolve(CHAIN);
    }

    /** Returns {@code fullchain.pem}. */
    public Path fullchain() {
        return directory.resolve(FULLCHAIN);
    }

    /** Returns {@code privkey.pem}. */
    public Path privkey() {
        return directory.resolve(PRIVKEY);
    }
}

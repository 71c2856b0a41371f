package dev.vacme.client.store;

import dev.vacme.client.ErrorText;
import dev.vacme.common.json.AcmeJson;
import dev.vacme.common.json.AcmeJsonException;
import dev.vacme.common.pki.Pem;
import dev.vacme.common.pki.PkiException;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Accounts under {@code accounts/}, one per ACME server, in a directory named after the server
 * as certbot does ({@code accounts/acme.example.com/directory/}): {@code private_key.pem}
 * (mode 0600) and {@code account.json} (URL, contacts, creation time, and the CA bundle the
 * server's HTTPS needs, so that cron runs need no {@code --ca-bundle}). The directories are 0700.
 */
public final class AccountStore {

    static final String KEY_FILE = "private_key.pem";
    static final String META_FILE = "account.json";

    private final ConfigLayout layout;

    /** Creates the store. */
    public AccountStore(ConfigLayout layout) {
        this.layout = layout;
    }

    /** The non-secret part of an account, as JSON. */
    record AccountMeta(URI server, URI url, List<String> contact, Instant created, String caBundle) {
    }

    /** Returns the directory of a server's account. */
    public Path directory(URI server) {
        Path directory = layout.accounts().resolve(safe(server.getHost() + (server.getPort() < 0 ? ""
                : ":" + server.getPort())));
        String path = server.getPath() == null ? "" : server.getPath();
        for (String segment : path.split("/")) {
            if (!segment.isEmpty()) {
                directory = directory.resolve(safe(segment));
            }
        }
        return directory;
    }

    /**
     * Loads the account for a server.
     *
     * @throws StoreException when the files exist but are corrupt
     */
    public Optional<StoredAccount> load(URI server) {
        Path directory = directory(server);
        Path keyFile = directory.resolve(KEY_FILE);
        Path metaFile = directory.resolve(META_FILE);
        if (!Files.isRegularFile(keyFile) || !Files.isRegularFile(metaFile)) {
            return Optional.empty();
        }
        try {
            AccountMeta meta = AcmeJson.read(Files.readAllBytes(metaFile), AccountMeta.class);
            var keys = Pem.readKeyPair(Files.readString(keyFile, StandardCharsets.US_ASCII));
            return Optional.of(new StoredAccount(server, meta.url(), keys, meta.contact(), meta.created(),
                    meta.caBundle() == null ? null : Path.of(meta.caBundle())));
        } catch (IOException | AcmeJsonException | PkiException e) {
            throw new StoreException("cannot read the account in " + directory + ": " + ErrorText.of(e), e);
        }
    }

    /**
     * Returns the key of a registration that did not finish: a key saved by {@link #saveKey}
     * without the account's metadata, because the run ended before (or while) the server answered.
     * The server may have created the account, so registering again must use this key: newAccount
     * with it then finds that account (RFC 8555 §7.3.1) instead of leaving it orphaned.
     *
     * @throws StoreException when the key file exists but is corrupt
     */
    public Optional<KeyPair> pendingKey(URI server) {
        Path directory = directory(server);
        Path keyFile = directory.resolve(KEY_FILE);
        if (!Files.isRegularFile(keyFile) || Files.exists(directory.resolve(META_FILE))) {
            return Optional.empty();
        }
        try {
            return Optional.of(Pem.readKeyPair(Files.readString(keyFile, StandardCharsets.US_ASCII)));
        } catch (IOException | PkiException e) {
            throw new StoreException("cannot read the account key " + keyFile + ": " + ErrorText.of(e), e);
        }
    }

    /** Saves a new account key (0600) before it is registered, so that no account is created without it. */
    public void saveKey(URI server, KeyPair keys) {
        Path directory = directory(server);
        try {
            AtomicFiles.createDirectories(layout.root(), AtomicFiles.DIRECTORY);
            AtomicFiles.createDirectories(directory, AtomicFiles.PRIVATE_DIRECTORY);
            AtomicFiles.write(directory.resolve(KEY_FILE),
                    Pem.encodePrivateKey(keys.getPrivate()).getBytes(StandardCharsets.US_ASCII), AtomicFiles.PRIVATE);
        } catch (IOException e) {
            throw new StoreException("cannot save the account key in " + directory + ": " + ErrorText.of(e), e);
        }
    }

    /**
     * Removes the key of a registration the server refused, and the directories saving it created
     * (up to {@code accounts/}) when they are empty now; an account's key is never removed here.
     */
    public void discardPendingKey(URI server) {
        Path directory = directory(server);
        try {
            if (Files.exists(directory.resolve(META_FILE))) {
                return;
            }
            Files.deleteIfExists(directory.resolve(KEY_FILE));
            for (Path empty = directory; empty.startsWith(layout.accounts()); empty = empty.getParent()) {
                if (!isEmptyDirectory(empty)) {
                    break;
                }
                Files.delete(empty);
            }
        } catch (IOException e) {
            throw new StoreException("cannot remove the unused account key in " + directory + ": " + ErrorText.of(e),
                    e);
        }
    }

    private static boolean isEmptyDirectory(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return false;
        }
        try (var entries = Files.list(directory)) {
            return entries.findAny().isEmpty();
        }
    }

    /** Returns the servers this config directory has an account at, sorted. */
    public List<URI> servers() {
        return metas().stream().map(AccountMeta::server).filter(Objects::nonNull).sorted().toList();
    }

    /** Returns the CA bundle remembered for a server's HTTPS, if any; reads only the account's metadata. */
    public Optional<Path> caBundle(URI server) {
        Path metaFile = directory(server).resolve(META_FILE);
        if (!Files.isRegularFile(metaFile)) {
            return Optional.empty();
        }
        return readMeta(metaFile).map(AccountMeta::caBundle).map(Path::of);
    }

    private List<AccountMeta> metas() {
        if (!Files.isDirectory(layout.accounts())) {
            return List.of();
        }
        try (var files = Files.walk(layout.accounts(), 8)) {
            return files.filter(file -> file.getFileName().toString().equals(META_FILE))
                    .map(AccountStore::readMeta)
                    .flatMap(Optional::stream)
                    .toList();
        } catch (IOException e) {
            throw new StoreException("cannot list " + layout.accounts() + ": " + ErrorText.of(e), e);
        }
    }

    private static Optional<AccountMeta> readMeta(Path metaFile) {
        try {
            return Optional.of(AcmeJson.read(Files.readAllBytes(metaFile), AccountMeta.class));
        } catch (IOException | AcmeJsonException e) {
            return Optional.empty();
        }
    }

    /** Saves an account: the key first, then the metadata, each atomically. */
    public void save(StoredAccount account) {
        Path directory = directory(account.server());
        try {
            AtomicFiles.createDirectories(layout.root(), AtomicFiles.DIRECTORY);
            AtomicFiles.createDirectories(directory, AtomicFiles.PRIVATE_DIRECTORY);
            AtomicFiles.write(directory.resolve(KEY_FILE),
                    Pem.encodePrivateKey(account.keys().getPrivate()).getBytes(StandardCharsets.US_ASCII),
                    AtomicFiles.PRIVATE);
            AccountMeta meta = new AccountMeta(account.server(), account.url(), account.contact(), account.created(),
                    account.caBundle() == null ? null : account.caBundle().toString());
            AtomicFiles.write(directory.resolve(META_FILE), AcmeJson.writeBytes(meta), AtomicFiles.PRIVATE);
        } catch (IOException e) {
            throw new StoreException("cannot save the account in " + directory + ": " + ErrorText.of(e), e);
        }
    }

    /** Removes a server's account files (after deactivation). */
    public void delete(URI server) {
        Path directory = directory(server);
        try {
            Files.deleteIfExists(directory.resolve(KEY_FILE));
            Files.deleteIfExists(directory.resolve(META_FILE));
            Files.deleteIfExists(directory);
        } catch (IOException e) {
            throw new StoreException("cannot remove the account in " + directory + ": " + ErrorText.of(e), e);
        }
    }

    private static String safe(String segment) {
        String cleaned = segment.replaceAll("[^A-Za-z0-9._:-]", "_");
        return cleaned.startsWith(".") ? "_" + cleaned : cleaned;
    }
}

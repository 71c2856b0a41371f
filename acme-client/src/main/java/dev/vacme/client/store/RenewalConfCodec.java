package dev.vacme.client.store;

import dev.vacme.client.ErrorText;
import dev.vacme.client.UsageException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads and writes {@code renewal/NAME.conf}: an INI file an admin can read and, carefully, edit.
 * <pre>
 * [renewal]         server, domains, authenticator and its settings, key settings, hooks
 * [webroot_map]     name = document root, for the webroot authenticator
 * [certificate]     facts about the live version (written by vacme), with revoked_at,
 *                   revocation_reason and revocation_source once it is known to be revoked
 * [ari]             the last renewal information (written by vacme)
 * [installer.NAME]  the settings of the lineage's installer NAME ([renewal] installer = NAME),
 *                   owned by that installer
 * [deployment]      a failed deployment still to be retried (written by vacme)
 * </pre>
 * Several hooks of one kind are {@code pre_hook}, {@code pre_hook_2}, {@code pre_hook_3} ...
 * (certbot reads the first).
 */
public final class RenewalConfCodec {

    private static final String RENEWAL = "renewal";
    private static final String WEBROOTS = "webroot_map";
    private static final String CERTIFICATE = "certificate";
    private static final String ARI = "ari";
    private static final String DEPLOYMENT = "deployment";
    /** Between the items of a list value ({@code domains = a.test, b.test}); compiled once, not per lineage. */
    private static final Pattern LIST_SEPARATOR = Pattern.compile("[,\\s]+");

    private RenewalConfCodec() {
    }

    /** Renders a configuration. */
    public static String write(String name, RenewalConf conf, String vacmeVersion) {
        IniFile ini = new IniFile();
        AuthenticatorSpec auth = conf.authenticator();
        ini.put(RENEWAL, "server", conf.server().toString())
                .put(RENEWAL, "domains", String.join(", ", conf.domains()))
                .put(RENEWAL, "authenticator", auth.kind().label());
        switch (auth.kind()) {
            case STANDALONE -> {
                ini.put(RENEWAL, "http_01_address", auth.http01Address())
                        .put(RENEWAL, "http_01_port", Integer.toString(auth.http01Port()));
                if (!auth.challengeTypes().equals(List.of("http-01"))) {
                    ini.put(RENEWAL, "preferred_challenges", String.join(", ", auth.challengeTypes()));
                }
            }
            case MANUAL -> ini.put(RENEWAL, "preferred_challenges", String.join(", ", auth.challengeTypes()))
                    .put(RENEWAL, "manual_auth_hook", auth.manualAuthHook())
                    .put(RENEWAL, "manual_cleanup_hook", orEmpty(auth.manualCleanupHook()));
            case WEBROOT -> auth.webroots().forEach((domain, root) -> ini.put(WEBROOTS, domain, root.toString()));
            case APACHE -> { }
            case NGINX -> ini.put(RENEWAL, "http_01_port", Integer.toString(auth.http01Port()));
        }
        auth.settings().forEach((key, value) -> ini.put(RENEWAL, key, value));
        KeySpec key = conf.key();
        ini.put(RENEWAL, "key_type", key.type())
                .put(RENEWAL, "elliptic_curve", key.curve())
                .put(RENEWAL, "rsa_key_size", Integer.toString(key.rsaBits()))
                .put(RENEWAL, "reuse_key", Boolean.toString(key.reuseKey()));
        ProfileChoice profile = conf.profile();
        if (profile.name() != null) {
            ini.put(RENEWAL, profile.required() ? "required_profile" : "preferred_profile", profile.name());
        }
        if (conf.preferredChain() != null) {
            ini.put(RENEWAL, "preferred_chain", conf.preferredChain());
        }
        putHooks(ini, "pre_hook", conf.hooks().preHooks());
        putHooks(ini, "post_hook", conf.hooks().postHooks());
        putHooks(ini, "deploy_hook", conf.hooks().deployHooks());
        writeDeployment(ini, conf.deployment());
        CertificateFacts facts = conf.certificate();
        if (facts != null) {
            ini.put(CERTIFICATE, "version", Integer.toString(facts.version()))
                    .put(CERTIFICATE, "serial", facts.serial())
                    .put(CERTIFICATE, "not_before", facts.notBefore().toString())
                    .put(CERTIFICATE, "not_after", facts.notAfter().toString())
                    .put(CERTIFICATE, "ari_id", orEmpty(facts.ariId()))
                    .put(CERTIFICATE, "renewal_info", facts.renewalInfo() == null ? "" : facts.renewalInfo().toString())
                    .put(CERTIFICATE, "account", facts.account() == null ? "" : facts.account().toString());
            Revocation revocation = facts.revocation();
            if (revocation != null) {
                ini.put(CERTIFICATE, "revoked_at", revocation.revokedAt().toString())
                        .put(CERTIFICATE, "revocation_reason", revocation.reasonName())
                        .put(CERTIFICATE, "revocation_source", revocation.source());
            }
        }
        AriWindow ari = conf.ari();
        if (ari != null) {
            ini.put(ARI, "window_start", text(ari.start()))
                    .put(ARI, "window_end", text(ari.end()))
                    .put(ARI, "selected", text(ari.selected()))
                    .put(ARI, "next_check", text(ari.nextCheck()))
                    .put(ARI, "explanation_url", ari.explanation() == null ? "" : ari.explanation().toString());
        }
        return ini.render("renewal configuration of the vacme lineage \"" + name + "\"",
                "written by vacme " + vacmeVersion + "; vacme rewrites it and drops comments",
                "[certificate] and [ari] are vacme's notes about the current certificate; leave them be");
    }

    /**
     * Parses a configuration.
     *
     * @throws StoreException when it is incomplete or a value is invalid
     */
    public static RenewalConf read(String text, String source) {
        IniFile ini = IniFile.parse(text, source);
        try {
            URI server = URI.create(required(ini, RENEWAL, "server", source));
            List<String> domains = items(required(ini, RENEWAL, "domains", source));
            return new RenewalConf(server, domains, authenticator(ini, source), key(ini),
                    new HookSpec(hooks(ini, "pre_hook"), hooks(ini, "post_hook"), hooks(ini, "deploy_hook")),
                    certificate(ini), ari(ini), deployment(ini), profile(ini),
                    ini.get(RENEWAL, "preferred_chain").orElse(null));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new StoreException(source + ": invalid value: " + ErrorText.of(e), e);
        } catch (UsageException e) {
            throw new StoreException(source + ": " + ErrorText.of(e), e);
        }
    }

    private static AuthenticatorSpec authenticator(IniFile ini, String source) {
        AuthenticatorSpec.Kind kind = AuthenticatorSpec.Kind.parse(required(ini, RENEWAL, "authenticator", source));
        Map<String, Path> webroots = new LinkedHashMap<>();
        for (String domain : ini.keys(WEBROOTS)) {
            webroots.put(domain, Path.of(ini.get(WEBROOTS, domain).orElseThrow()));
        }
        return new AuthenticatorSpec(kind,
                ini.get(RENEWAL, "http_01_address").orElse(""),
                Integer.parseInt(ini.get(RENEWAL, "http_01_port").orElse("80")),
                webroots,
                items(ini.get(RENEWAL, "preferred_challenges").orElse("http-01")),
                value(ini, RENEWAL, "manual_auth_hook"),
                value(ini, RENEWAL, "manual_cleanup_hook"),
                pluginSettings(ini, kind));
    }

    /** Returns the keys of {@code [renewal]} that belong to a plugin: those starting with its label. */
    private static Map<String, String> pluginSettings(IniFile ini, AuthenticatorSpec.Kind kind) {
        Map<String, String> settings = new LinkedHashMap<>();
        if (kind == AuthenticatorSpec.Kind.STANDALONE) {
            for (String key : List.of(AuthenticatorSpec.TLS_ALPN_01_PORT, AuthenticatorSpec.TLS_ALPN_01_ADDRESS)) {
                ini.get(RENEWAL, key).ifPresent(value -> settings.put(key, value));
            }
        }
        if (kind == AuthenticatorSpec.Kind.NGINX || kind == AuthenticatorSpec.Kind.APACHE) {
            for (String key : ini.keys(RENEWAL)) {
                if (key.startsWith(kind.label() + "_")) {
                    ini.get(RENEWAL, key).ifPresent(value -> settings.put(key, value));
                }
            }
        }
        return settings;
    }

    private static void putHooks(IniFile ini, String key, List<String> commands) {
        ini.put(RENEWAL, key, commands.isEmpty() ? "" : commands.get(0));
        for (int i = 1; i < commands.size(); i++) {
            ini.put(RENEWAL, key + "_" + (i + 1), commands.get(i));
        }
    }

    private static List<String> hooks(IniFile ini, String key) {
        List<String> commands = new ArrayList<>();
        ini.get(RENEWAL, key).ifPresent(commands::add);
        for (int i = 2; ini.get(RENEWAL, key + "_" + i).isPresent(); i++) {
            commands.add(ini.get(RENEWAL, key + "_" + i).orElseThrow());
        }
        return commands;
    }

    private static void writeDeployment(IniFile ini, DeploymentSpec deployment) {
        InstallerSpec installer = deployment.installer();
        ini.put(RENEWAL, "installer", installer == null ? "" : installer.name())
                .put(RENEWAL, "verify_served", String.join(", ", deployment.verifyServed()));
        if (installer != null) {
            installer.settings().forEach((key, value) -> ini.put(installer.section(), key, value));
        }
        PendingDeployment pending = deployment.pending();
        if (pending != null) {
            ini.put(DEPLOYMENT, "pending_version", Integer.toString(pending.version()))
                    .put(DEPLOYMENT, "failure", pending.failure())
                    .put(DEPLOYMENT, "failed_since", pending.since().toString());
        }
    }

    private static DeploymentSpec deployment(IniFile ini) {
        InstallerSpec installer = ini.get(RENEWAL, "installer")
                .map(name -> new InstallerSpec(name, ini.orderedSection(InstallerSpec.sectionOf(name))))
                .orElse(null);
        List<String> verifyServed = items(ini.get(RENEWAL, "verify_served").orElse(""));
        PendingDeployment pending = ini.get(DEPLOYMENT, "pending_version")
                .map(version -> new PendingDeployment(Integer.parseInt(version),
                        ini.get(DEPLOYMENT, "failure").orElse("deployment failed"),
                        Optional.ofNullable(instant(ini, DEPLOYMENT, "failed_since")).orElse(Instant.EPOCH)))
                .orElse(null);
        return new DeploymentSpec(installer, verifyServed, pending);
    }

    private static ProfileChoice profile(IniFile ini) {
        return ini.get(RENEWAL, "required_profile").filter(name -> !name.isBlank())
                .map(name -> new ProfileChoice(name, true))
                .or(() -> ini.get(RENEWAL, "preferred_profile").filter(name -> !name.isBlank())
                        .map(name -> new ProfileChoice(name, false)))
                .orElse(ProfileChoice.DEFAULT);
    }

    private static KeySpec key(IniFile ini) {
        return new KeySpec(ini.get(RENEWAL, "key_type").orElse("ecdsa"),
                ini.get(RENEWAL, "elliptic_curve").orElse("secp256r1"),
                Integer.parseInt(ini.get(RENEWAL, "rsa_key_size").orElse("2048")),
                Boolean.parseBoolean(ini.get(RENEWAL, "reuse_key").orElse("false")));
    }

    private static CertificateFacts certificate(IniFile ini) {
        if (ini.get(CERTIFICATE, "version").isEmpty()) {
            return null;
        }
        return new CertificateFacts(
                Integer.parseInt(ini.get(CERTIFICATE, "version").orElseThrow()),
                ini.get(CERTIFICATE, "serial").orElse(""),
                instant(ini, CERTIFICATE, "not_before"),
                instant(ini, CERTIFICATE, "not_after"),
                value(ini, CERTIFICATE, "ari_id"),
                ini.get(CERTIFICATE, "renewal_info").map(URI::create).orElse(null),
                ini.get(CERTIFICATE, "account").map(URI::create).orElse(null),
                revocation(ini));
    }

    private static Revocation revocation(IniFile ini) {
        Instant revokedAt = instant(ini, CERTIFICATE, "revoked_at");
        if (revokedAt == null) {
            return null;
        }
        return new Revocation(revokedAt, ini.get(CERTIFICATE, "revocation_reason").map(Revocation::parseReason)
                .orElse(null), value(ini, CERTIFICATE, "revocation_source"));
    }

    private static AriWindow ari(IniFile ini) {
        if (ini.section(ARI).isEmpty()) {
            return null;
        }
        return new AriWindow(instant(ini, ARI, "window_start"), instant(ini, ARI, "window_end"),
                instant(ini, ARI, "selected"), instant(ini, ARI, "next_check"),
                ini.get(ARI, "explanation_url").map(URI::create).orElse(null));
    }

    private static Instant instant(IniFile ini, String section, String key) {
        return ini.get(section, key).map(StoredInstants::parse).orElse(null);
    }

    /** Returns the items of a list value, separated by commas and white space, without empty ones. */
    private static List<String> items(String list) {
        List<String> items = new ArrayList<>();
        for (String item : LIST_SEPARATOR.split(list)) {
            if (!item.isEmpty()) {
                items.add(item);
            }
        }
        return List.copyOf(items);
    }

    private static String required(IniFile ini, String section, String key, String source) {
        return ini.get(section, key).orElseThrow(() -> new StoreException(
                source + ": [" + section + "] " + key + " is missing"));
    }

    private static String value(IniFile ini, String section, String key) {
        return ini.get(section, key).orElse(null);
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    private static String text(Instant instant) {
        return instant == null ? "" : instant.toString();
    }
}

package dev.vacme.server.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vacme.common.json.AcmeJson;
import dev.vacme.common.jws.Base64Url;
import dev.vacme.server.config.ConfigException;
import dev.vacme.server.ra.ExternalAccountKeys;
import dev.vacme.server.store.StoredEabKey;
import java.io.PrintWriter;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code vacme-server eab}: the operator's commands for external account binding keys
 * (RFC 8555 §7.3.4). They work on the server's store directly, also while it runs.
 */
@Command(name = "eab", mixinStandardHelpOptions = true,
        description = "Manage external account binding keys: with --require-eab, only clients holding one can "
                + "create an account, and each key creates exactly one.",
        subcommands = {EabCommand.Create.class, EabCommand.ListKeys.class, EabCommand.Revoke.class})
public final class EabCommand implements Callable<Integer> {

    /** Exit code when the command failed (bad options, unreachable store, unknown key). */
    static final int EXIT_FAILED = 1;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return CommandLine.ExitCode.USAGE;
    }

    /** Runs a subcommand's work on the store, turning failures into one line on stderr. */
    private static int run(CommandLine.Model.CommandSpec spec, EabStoreOptions store,
            Function<ExternalAccountKeys, io.vertx.core.Future<Integer>> work) {
        PrintWriter err = spec.commandLine().getErr();
        try {
            return store.withStore(opened -> work.apply(
                    new ExternalAccountKeys(opened, new SecureRandom(), Clock.systemUTC())));
        } catch (ConfigException e) {
            err.println("vacme-server eab: " + e.getMessage());
        } catch (CompletionException e) {
            err.println("vacme-server eab: " + (e.getCause() == null ? e.getMessage() : e.getCause().getMessage()));
        }
        err.flush();
        return EXIT_FAILED;
    }

    /** {@code eab create}. */
    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Mint a key; prints its key id and HMAC key once (they are not shown again).")
    static final class Create implements Callable<Integer> {

        @Mixin
        private EabStoreOptions store;

        @Option(names = "--label", paramLabel = "TEXT",
                description = "Who the key is for, e.g. a team or service; profiles' 'accounts' may name it")
        private String label;

        @Option(names = "--json", description = "Print {\"kid\": ..., \"hmacKey\": ...} for scripts")
        private boolean json;

        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            return run(spec, store, keys -> keys.create(label).map(key -> {
                PrintWriter out = spec.commandLine().getOut();
                String hmacKey = Base64Url.encode(key.hmacKey());
                if (json) {
                    Map<String, Object> object = new LinkedHashMap<>();
                    object.put("kid", key.kid());
                    object.put("hmacKey", hmacKey);
                    if (label != null) {
                        object.put("label", label);
                    }
                    out.println(AcmeJson.write(object));
                } else {
                    out.println("Created an external account binding key. The HMAC key is shown only now:");
                    out.println("  Key ID:   " + key.kid());
                    out.println("  HMAC key: " + hmacKey);
                    if (label != null) {
                        out.println("  Label:    " + label);
                    }
                    out.println("A client uses it once, e.g.: certbot register --eab-kid " + key.kid()
                            + " --eab-hmac-key " + hmacKey + " ...");
                }
                out.flush();
                return 0;
            }));
        }
    }

    /** {@code eab list}. */
    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List the keys: key id, label, created, and the account each one bound (or unused).")
    static final class ListKeys implements Callable<Integer> {

        @Mixin
        private EabStoreOptions store;

        @Option(names = "--json", description = "Print a JSON array")
        private boolean json;

        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            return run(spec, store, keys -> keys.list().map(list -> {
                PrintWriter out = spec.commandLine().getOut();
                out.println(json ? jsonArray(list) : table(list));
                out.flush();
                return 0;
            }));
        }

        private static String jsonArray(List<StoredEabKey> keys) {
            ArrayNode array = AcmeJson.objectNode().arrayNode();
            keys.forEach(key -> array.add(jsonObject(key)));
            return array.toString();
        }

        /** One key as JSON; absent values are null rather than left out, so scripts see every field. */
        private static ObjectNode jsonObject(StoredEabKey key) {
            ObjectNode object = AcmeJson.objectNode();
            object.put("kid", key.kid());
            object.put("label", key.label());
            object.put("created", seconds(key.createdAt()));
            object.put("account", key.accountId());
            object.put("bound", seconds(key.boundAt()));
            object.put("revoked", seconds(key.revokedAt()));
            return object;
        }

        private static String seconds(Instant instant) {
            return instant == null ? null : instant.truncatedTo(ChronoUnit.SECONDS).toString();
        }

        private static String table(List<StoredEabKey> keys) {
            if (keys.isEmpty()) {
                return "No external account binding keys; create one with: vacme-server eab create --label TEXT";
            }
            StringBuilder text = new StringBuilder(String.format("%-24s %-20s %-20s %s%n", "KID", "LABEL", "CREATED",
                    "STATE"));
            for (StoredEabKey key : keys) {
                text.append(String.format("%-24s %-20s %-20s %s%n", key.kid(), key.label() == null ? "-" : key.label(),
                        key.createdAt().truncatedTo(ChronoUnit.SECONDS), state(key)));
            }
            return text.toString().stripTrailing();
        }

        private static String state(StoredEabKey key) {
            String bound = key.accountId() == null ? "unused" : "bound to account " + key.accountId();
            return key.revokedAt() == null ? bound : bound + ", revoked";
        }
    }

    /** {@code eab revoke KID}. */
    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = "Revoke a key so that it creates no account; an account it created keeps working.")
    static final class Revoke implements Callable<Integer> {

        @Mixin
        private EabStoreOptions store;

        @Parameters(paramLabel = "KID", description = "The key id")
        private String kid;

        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            return run(spec, store, keys -> keys.revoke(kid).map(revoked -> {
                if (!revoked) {
                    spec.commandLine().getErr().println("vacme-server eab: no unrevoked key with id " + kid
                            + " (see vacme-server eab list)");
                    spec.commandLine().getErr().flush();
                    return EXIT_FAILED;
                }
                spec.commandLine().getOut().println("Revoked key " + kid + ".");
                spec.commandLine().getOut().flush();
                return 0;
            }));
        }
    }
}

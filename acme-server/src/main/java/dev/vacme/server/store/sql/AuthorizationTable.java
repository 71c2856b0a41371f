package dev.vacme.server.store.sql;

import dev.vacme.common.model.AuthorizationStatus;
import dev.vacme.common.model.ChallengeStatus;
import dev.vacme.common.model.Identifier;
import dev.vacme.common.model.IdentifierType;
import dev.vacme.common.problem.Problem;
import dev.vacme.server.store.StoredAuthorization;
import dev.vacme.server.store.StoredChallenge;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/** Authorizations and their challenges (RFC 8555 §7.5, §8). */
final class AuthorizationTable {

    /** One statement reads authorizations with their challenges, so that both come from one snapshot. */
    private static final String SELECT_WITH_CHALLENGES = "SELECT a.id AS a_id, a.account_id, a.identifier_type,"
            + " a.identifier_value, a.wildcard, a.status AS a_status, a.expires_at, a.created_at,"
            + " c.id AS c_id, c.type, c.token, c.status AS c_status, c.validated_at, c.error"
            + " FROM authorizations a LEFT JOIN challenges c ON c.authorization_id = a.id";

    private final SqlDatabase db;

    AuthorizationTable(SqlDatabase db) {
        this.db = db;
    }

    /** Inserts an authorization and its challenges; part of the order's transaction. */
    static Future<Void> insert(SqlSession tx, StoredAuthorization authorization) {
        return tx.update("INSERT INTO authorizations (id, account_id, identifier_type, identifier_value, wildcard,"
                                + " status, expires_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        authorization.id(), authorization.accountId(), authorization.identifier().type().wireName(),
                        authorization.identifier().value(), Codec.flag(authorization.wildcard()),
                        authorization.status().wireName(), Codec.millis(authorization.expires()),
                        Codec.millis(authorization.createdAt()))
                .compose(n -> Futures.each(IntStream.range(0, authorization.challenges().size()).boxed().toList(),
                        i -> insertChallenge(tx, authorization.id(), i, authorization.challenges().get(i))));
    }

    private static Future<Integer> insertChallenge(SqlSession tx, String authorizationId, int ordinal, StoredChallenge challenge) {
        return tx.update("INSERT INTO challenges (id, authorization_id, ordinal, type, token, status, validated_at, error)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                challenge.id(), authorizationId, ordinal, challenge.type(), challenge.token(), challenge.status().wireName(),
                Codec.millis(challenge.validatedAt()), Codec.json(challenge.error()));
    }

    Future<Optional<StoredAuthorization>> find(String id) {
        return findAll(List.of(id)).map(found -> found.stream().findFirst());
    }

    Future<List<StoredAuthorization>> findAll(List<String> ids) {
        if (ids.isEmpty()) {
            return Future.succeededFuture(List.of());
        }
        List<String> distinct = ids.stream().distinct().toList();
        return db.query(SELECT_WITH_CHALLENGES + " WHERE a.id IN (" + Codec.placeholders(distinct.size()) + ")"
                        + " ORDER BY a.id, c.ordinal", distinct.toArray())
                .map(rows -> {
                    Map<String, StoredAuthorization> byId = assemble(rows);
                    return ids.stream().filter(byId::containsKey).map(byId::get).toList();
                });
    }

    /**
     * Finds reusable authorizations: valid, for the account and wildcard flag, expiring after
     * {@code validAfter}; per identifier the one that expires last.
     */
    Future<List<StoredAuthorization>> findValid(String accountId, List<Identifier> identifiers, boolean wildcard,
            Instant validAfter) {
        if (identifiers.isEmpty()) {
            return Future.succeededFuture(List.of());
        }
        List<Object> params = new ArrayList<>(List.of(accountId, Codec.flag(wildcard), Codec.millis(validAfter)));
        identifiers.forEach(identifier -> params.add(identifier.value()));
        return db.query("SELECT id, identifier_type, identifier_value, expires_at FROM authorizations"
                                + " WHERE account_id = ? AND status = 'valid' AND wildcard = ? AND expires_at > ?"
                                + " AND identifier_value IN (" + Codec.placeholders(identifiers.size()) + ")"
                                + " ORDER BY expires_at DESC, id",
                        params.toArray())
                .compose(rows -> findAll(latestPerIdentifier(identifiers, rows)));
    }

    private static List<String> latestPerIdentifier(List<Identifier> identifiers, List<SqlRow> newestFirst) {
        Map<Identifier, String> latest = new LinkedHashMap<>();
        identifiers.forEach(identifier -> latest.put(identifier, null));
        for (SqlRow row : newestFirst) {
            Identifier identifier = new Identifier(IdentifierType.parse(row.string("identifier_type")),
                    row.string("identifier_value"));
            if (latest.containsKey(identifier) && latest.get(identifier) == null) {
                latest.put(identifier, row.string("id"));
            }
        }
        return latest.values().stream().filter(id -> id != null).toList();
    }

    Future<Boolean> startChallenge(String challengeId, Instant now) {
        return db.update("UPDATE challenges SET status = 'processing', processing_since = ?"
                        + " WHERE id = ? AND status = 'pending'"
                        + " AND EXISTS (SELECT 1 FROM authorizations a WHERE a.id = challenges.authorization_id"
                        + " AND a.status = 'pending' AND a.expires_at > ?)",
                Codec.millis(now), challengeId, Codec.millis(now)).map(n -> n == 1);
    }

    Future<List<String>> findStaleProcessingChallengeIds(Instant processingBefore) {
        return db.query("SELECT id FROM challenges WHERE status = 'processing'"
                        + " AND (processing_since IS NULL OR processing_since < ?) ORDER BY id",
                        Codec.millis(processingBefore))
                .map(rows -> rows.stream().map(row -> row.string("id")).toList());
    }

    Future<Boolean> completeChallenge(String challengeId, Instant validatedAt, Problem error, Instant authorizationExpires) {
        boolean valid = error == null;
        return db.inTransaction(tx -> tx.update("UPDATE challenges SET status = ?, validated_at = ?, error = ?"
                                + " WHERE id = ? AND status = 'processing'",
                        (valid ? ChallengeStatus.VALID : ChallengeStatus.INVALID).wireName(),
                        valid ? Codec.millis(validatedAt) : null, Codec.json(error), challengeId)
                .compose(n -> n == 0
                        ? Future.succeededFuture(false)
                        : concludeAuthorization(tx, challengeId, valid, valid ? authorizationExpires : null).map(true)));
    }

    private static Future<Integer> concludeAuthorization(SqlSession tx, String challengeId, boolean valid, Instant expires) {
        String status = (valid ? AuthorizationStatus.VALID : AuthorizationStatus.INVALID).wireName();
        String where = " WHERE status = 'pending' AND id = (SELECT authorization_id FROM challenges WHERE id = ?)";
        return expires == null
                ? tx.update("UPDATE authorizations SET status = ?" + where, status, challengeId)
                : tx.update("UPDATE authorizations SET status = ?, expires_at = ?" + where, status, Codec.millis(expires), challengeId);
    }

    Future<Boolean> deactivate(String id) {
        return db.update("UPDATE authorizations SET status = 'deactivated' WHERE id = ? AND status IN ('pending', 'valid')", id)
                .map(n -> n == 1);
    }

    private static Map<String, StoredAuthorization> assemble(List<SqlRow> rows) {
        Map<String, List<SqlRow>> byAuthorization = new LinkedHashMap<>();
        rows.forEach(row -> byAuthorization.computeIfAbsent(row.string("a_id"), id -> new ArrayList<>()).add(row));
        Map<String, StoredAuthorization> result = new LinkedHashMap<>();
        byAuthorization.forEach((id, group) -> result.put(id, authorization(group)));
        return result;
    }

    private static StoredAuthorization authorization(List<SqlRow> group) {
        SqlRow first = group.get(0);
        List<StoredChallenge> challenges = group.stream()
                .filter(row -> row.string("c_id") != null)
                .map(row -> new StoredChallenge(row.string("c_id"), first.string("a_id"), row.string("type"),
                        row.string("token"), ChallengeStatus.parse(row.string("c_status")), row.instant("validated_at"),
                        Codec.problem(row.string("error"))))
                .toList();
        return new StoredAuthorization(
                first.string("a_id"),
                first.string("account_id"),
                new Identifier(IdentifierType.parse(first.string("identifier_type")), first.string("identifier_value")),
                first.flag("wildcard"),
                AuthorizationStatus.parse(first.string("a_status")),
                first.instant("expires_at"),
                challenges,
                first.instant("created_at"));
    }
}

package dev.vacme.server.va;

import dev.vacme.common.problem.ProblemType;
import dev.vacme.server.AcmeProblemException;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.xbill.DNS.CAARecord;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Name;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;
import org.xbill.DNS.lookup.LookupFailedException;
import org.xbill.DNS.lookup.LookupResult;
import org.xbill.DNS.lookup.LookupSession;
import org.xbill.DNS.lookup.NoSuchDomainException;
import org.xbill.DNS.lookup.NoSuchRRSetException;
import org.xbill.DNS.lookup.RedirectLoopException;
import org.xbill.DNS.lookup.RedirectOverflowException;
import org.xbill.DNS.lookup.ServerFailedException;

/**
 * The {@link DnsClient} on dnsjava's asynchronous {@link LookupSession}: it asks the configured
 * server ({@code --dns-resolver}) or else the servers of the system's resolver configuration,
 * follows CNAMEs, retries over TCP when a UDP answer comes back truncated, and keeps no cache
 * (a client that just published its TXT record expects it to be seen). dnsjava answers on its
 * own threads; results are handed back to the caller's Vert.x context.
 */
public final class DnsJavaClient implements DnsClient {

    private final Vertx vertx;
    private final LookupSession session;
    private final String serverText;

    /**
     * Creates the client.
     *
     * @param server  the server to ask, or empty for the system resolver's servers
     * @param timeout how long one query may take before it fails with {@code dns}
     */
    public DnsJavaClient(Vertx vertx, Optional<DnsServer> server, Duration timeout) {
        this.vertx = vertx;
        Resolver resolver = server
                .<Resolver>map(s -> new SimpleResolver(new InetSocketAddress(s.address(), s.port())))
                .orElseGet(ExtendedResolver::new);
        resolver.setTimeout(timeout);
        this.session = LookupSession.builder().resolver(resolver).clearCaches().clearSearchPath().build();
        this.serverText = server.map(s -> "the DNS server " + s).orElse("the system resolver");
    }

    /** Creates the client for the settings' DNS server (or the system resolver), one query lasting at most the validation timeout. */
    public static DnsJavaClient forSettings(Vertx vertx, ValidationSettings settings) {
        return new DnsJavaClient(vertx, settings.dnsResolver(), settings.timeout());
    }

    @Override
    public Future<List<String>> txt(String name) {
        return lookup(name, Type.TXT, result -> result.getRecords().stream()
                .filter(TXTRecord.class::isInstance)
                .map(record -> String.join("", ((TXTRecord) record).getStrings()))
                .toList());
    }

    @Override
    public Future<List<CaaRecord>> caa(String name) {
        return lookup(name, Type.CAA, result -> result.getRecords().stream()
                .filter(CAARecord.class::isInstance)
                .map(CAARecord.class::cast)
                .map(record -> new CaaRecord(record.getFlags(), record.getTag(), record.getValue()))
                .toList());
    }

    private <T> Future<List<T>> lookup(String name, int type, Function<LookupResult, List<T>> extract) {
        Name query;
        try {
            query = Name.fromString(name, Name.root);
        } catch (TextParseException e) {
            return Future.failedFuture(AcmeProblemException.of(ProblemType.DNS,
                    "DNS problem: \"" + name + "\" is not a valid DNS name"));
        }
        Context context = vertx.getOrCreateContext();
        CompletionStage<LookupResult> answer = session.lookupAsync(query, type);
        return Future.fromCompletionStage(answer, context).transform(done -> done.succeeded()
                ? Future.succeededFuture(extract.apply(done.result()))
                : orEmpty(done.cause(), name, type));
    }

    /** Returns an empty answer for "does not exist", and the {@code dns} problem for anything else. */
    private <T> Future<List<T>> orEmpty(Throwable error, String name, int type) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof NoSuchDomainException || cause instanceof NoSuchRRSetException) {
            return Future.succeededFuture(List.of());
        }
        return Future.failedFuture(AcmeProblemException.of(ProblemType.DNS, "DNS problem: " + describe(cause)
                + " looking up " + Type.string(type) + " for " + name + " at " + serverText));
    }

    private static String describe(Throwable cause) {
        if (cause instanceof ServerFailedException) {
            return "SERVFAIL";
        }
        if (cause instanceof RedirectLoopException || cause instanceof RedirectOverflowException) {
            return "a CNAME loop or too long a CNAME chain";
        }
        if (cause instanceof LookupFailedException) {
            return "an error response";
        }
        if (cause instanceof TimeoutException || cause instanceof SocketTimeoutException
                || String.valueOf(cause.getMessage()).toLowerCase(java.util.Locale.ROOT).contains("timed out")) {
            return "query timed out";
        }
        return "network error";
    }
}

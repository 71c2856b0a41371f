package dev.vacme.server.it;

import dev.vacme.common.challenge.KeyAuthorizations;
import dev.vacme.common.jws.Base64Url;
import dev.vacme.common.jws.Jwks;
import dev.vacme.common.model.Authorization;
import dev.vacme.common.model.AuthorizationStatus;
import dev.vacme.common.model.Challenge;
import dev.vacme.common.model.FinalizeRequest;
import dev.vacme.common.model.Identifier;
import dev.vacme.common.model.NewAccountRequest;
import dev.vacme.common.model.NewOrderRequest;
import dev.vacme.common.model.Order;
import dev.vacme.common.model.OrderStatus;
import dev.vacme.common.pki.CsrBuilder;
import dev.vacme.common.pki.KeyType;
import dev.vacme.common.pki.Pem;
import dev.vacme.server.ca.SerialNumbers;
import dev.vacme.server.testing.AcmeTestClient;
import dev.vacme.server.testing.Http01Responder;
import java.io.IOException;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Several ACME clients issuing certificates in a loop, as a fleet of real clients would while the
 * server crashes or its database restarts. A failed issuance is classified: a clean ACME error
 * (a problem document, not 500), a transport error (connection refused or cut: the instance is
 * gone), an abandoned order (an authorization or order that stayed pending or processing because
 * the work was lost in a crash), or a dirty answer (500, or an error that is no problem document),
 * which the tests forbid. After any failure the client retries with a new order, as certbot's
 * next run would.
 */
final class IssuingClients implements AutoCloseable {

    private static final Duration POLL_LIMIT = Duration.ofSeconds(8);

    private final String directoryUrl;
    private final X509Certificate root;
    private final Http01Responder responder;
    private final String namePrefix;
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicInteger completed = new AtomicInteger();
    private final AtomicInteger cleanErrors = new AtomicInteger();
    private final AtomicInteger transportErrors = new AtomicInteger();
    private final AtomicInteger abandoned = new AtomicInteger();
    private final AtomicInteger names = new AtomicInteger();
    private final List<String> dirty = new CopyOnWriteArrayList<>();
    private final Set<String> problemsSeen = ConcurrentHashMap.newKeySet();
    private final Map<String, String> serialsByOrder = new ConcurrentHashMap<>();
    private volatile boolean running = true;

    /**
     * The figures of a run.
     *
     * @param completed       issuances that ended with a downloaded certificate
     * @param cleanErrors     failed steps answered with a problem document (not 500)
     * @param transportErrors failed steps that got no answer at all
     * @param abandoned       orders given up because their work stayed pending or processing
     * @param dirty           answers the server must never give (500, non-problem errors)
     * @param problemsSeen    the distinct "status type Retry-After" of the clean errors
     * @param serialsByOrder  the serial of each completed issuance, by order URL
     */
    record Figures(int completed, int cleanErrors, int transportErrors, int abandoned, List<String> dirty,
            Set<String> problemsSeen, Map<String, String> serialsByOrder) {

        int retries() {
            return cleanErrors + transportErrors + abandoned;
        }

        @Override
        public String toString() {
            return completed + " issuances completed, " + cleanErrors + " clean ACME errors, " + transportErrors
                    + " transport errors, " + abandoned + " abandoned orders, " + retries() + " retries, "
                    + dirty.size() + " dirty answers; problems seen: " + problemsSeen;
        }
    }

    /** Starts {@code clients} clients, each with an account of its own, on names under {@code namePrefix}.test. */
    IssuingClients(String directoryUrl, X509Certificate root, Http01Responder responder, int clients, String namePrefix) {
        this.directoryUrl = directoryUrl;
        this.root = root;
        this.responder = responder;
        this.namePrefix = namePrefix;
        for (int i = 0; i < clients; i++) {
            Thread thread = new Thread(this::work, "issuing-client-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
    }

    /** Issuances completed so far. */
    int completed() {
        return completed.get();
    }

    /** Waits until {@code count} issuances have completed in total. */
    void awaitCompleted(int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (completed.get() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + completed.get() + " of " + count + " issuances completed within "
                        + timeout + ": " + figures());
            }
            pause(20);
        }
    }

    /** Stops the clients (each finishes its current step) and returns the figures. */
    Figures stop() {
        running = false;
        for (Thread thread : threads) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return figures();
    }

    Figures figures() {
        return new Figures(completed.get(), cleanErrors.get(), transportErrors.get(), abandoned.get(),
                List.copyOf(dirty), Set.copyOf(problemsSeen), Map.copyOf(serialsByOrder));
    }

    @Override
    public void close() {
        running = false;
    }

    private void work() {
        AcmeTestClient client = new AcmeTestClient(directoryUrl, root);
        KeyPair key = KeyType.EC_P256.generate();
        String kid = null;
        while (running) {
            try {
                if (kid == null) {
                    kid = register(client, key);
                }
                issue(client, key, kid, namePrefix + names.incrementAndGet() + ".test");
                completed.incrementAndGet();
            } catch (CleanError e) {
                cleanErrors.incrementAndGet();
                problemsSeen.add(e.getMessage());
                pause(100);
            } catch (Abandoned e) {
                abandoned.incrementAndGet();
            } catch (IllegalStateException e) {
                if (!(e.getCause() instanceof IOException)) {
                    dirty.add(String.valueOf(e));
                }
                transportErrors.incrementAndGet();
                pause(100);
            } catch (RuntimeException | AssertionError e) {
                dirty.add(String.valueOf(e));
                pause(100);
            }
        }
    }

    private String register(AcmeTestClient client, KeyPair key) {
        return expect(client.postWithJwk(client.directory().newAccount().toString(), key,
                new NewAccountRequest(List.of("mailto:crash@example.com"), true, null, null)), 200, 201).location();
    }

    private void issue(AcmeTestClient client, KeyPair key, String kid, String name) {
        String orderUrl = expect(client.postWithKid(client.directory().newOrder().toString(), key, kid,
                new NewOrderRequest(List.of(Identifier.dns(name)), null, null, null, null)), 201).location();
        Order order = expect(client.postWithKid(orderUrl, key, kid, null), 200).as(Order.class);
        String authzUrl = order.authorizations().get(0).toString();
        Authorization authz = expect(client.postWithKid(authzUrl, key, kid, null), 200).as(Authorization.class);
        Challenge challenge = authz.challenges().stream().filter(c -> c.type().equals(Challenge.HTTP_01))
                .findFirst().orElseThrow();
        responder.answer(challenge.token(),
                KeyAuthorizations.keyAuthorization(challenge.token(), Jwks.fromPublicKey(key.getPublic())));
        expect(client.postWithKid(challenge.url().toString(), key, kid, Map.of()), 200);
        Authorization done = poll(() -> expect(client.postWithKid(authzUrl, key, kid, null), 200).as(Authorization.class),
                a -> a.status() != AuthorizationStatus.PENDING);
        if (done.status() != AuthorizationStatus.VALID) {
            throw new CleanError("authorization " + done.status().wireName());
        }
        byte[] csr = new CsrBuilder().dns(List.of(name)).build(KeyType.EC_P256.generate());
        expect(client.postWithKid(order.finalizeUrl().toString(), key, kid, new FinalizeRequest(Base64Url.encode(csr))), 200);
        Order finished = poll(() -> expect(client.postWithKid(orderUrl, key, kid, null), 200).as(Order.class),
                o -> o.status() != OrderStatus.PROCESSING && o.status() != OrderStatus.READY);
        if (finished.status() != OrderStatus.VALID) {
            throw new CleanError("order " + finished.status().wireName());
        }
        String chain = expect(client.postWithKid(finished.certificate().toString(), key, kid, null), 200).body();
        String serial = SerialNumbers.toHex(Pem.readCertificate(chain).getSerialNumber());
        String previous = serialsByOrder.putIfAbsent(orderUrl, serial);
        if (previous != null) {
            dirty.add("order " + orderUrl + " completed twice");
        }
    }

    /** Returns the response when its status is one of {@code ok}, else throws the failure it is. */
    private static AcmeTestClient.Response expect(AcmeTestClient.Response response, int... ok) {
        for (int status : ok) {
            if (response.status() == status) {
                return response;
            }
        }
        String type = response.header("Content-Type");
        if (response.status() == 500 || type == null || !type.startsWith("application/problem+json")) {
            throw new AssertionError("dirty answer " + response.status() + " " + type + ": " + response.body());
        }
        String problemType = response.problem().type().replace("urn:ietf:params:acme:error:", "");
        throw new CleanError(response.status() + " " + problemType
                + (response.header("Retry-After") == null ? "" : " Retry-After: " + response.header("Retry-After")));
    }

    private static <T> T poll(Supplier<T> fetch, Predicate<T> done) {
        long deadline = System.nanoTime() + POLL_LIMIT.toNanos();
        T value = fetch.get();
        while (!done.test(value)) {
            if (System.nanoTime() > deadline) {
                throw new Abandoned();
            }
            pause(25);
            value = fetch.get();
        }
        return value;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A step answered with a problem document that is not a 500. */
    private static final class CleanError extends RuntimeException {
        CleanError(String message) {
            super(message, null, false, false);
        }
    }

    /** Work that stayed pending or processing past the poll limit, as after a crash. */
    private static final class Abandoned extends RuntimeException {
        Abandoned() {
            super("abandoned", null, false, false);
        }
    }
}

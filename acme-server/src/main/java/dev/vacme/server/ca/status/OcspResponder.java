package dev.vacme.server.ca.status;

import dev.vacme.server.ca.IssuerIds;
import dev.vacme.server.ca.Issuers;
import dev.vacme.server.ca.OcspResponses;
import dev.vacme.server.ca.OcspStatus;
import dev.vacme.server.ca.SerialNumbers;
import dev.vacme.server.ca.SigningKeySource;
import dev.vacme.server.metrics.ServerMetrics;
import dev.vacme.server.store.Store;
import dev.vacme.server.store.StoredCertificate;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.Req;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.bc.BcDigestCalculatorProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OCSP responder (RFC 6960). Each answer is signed by the issuing intermediate and valid for
 * the configured validity; a request without nonce for one certificate is answered from a cache of
 * signed responses, kept per hash algorithm, issuer and serial, so that a flood of requests costs
 * no signatures. The cache is emptied when the store's revocations change, and an entry is signed
 * again once half its validity has passed. A request with a nonce gets it echoed (RFC 8954) in a
 * response signed for it, while few such signatures are under way; beyond that it gets the cached
 * response without nonce, which RFC 8954 §2.1 allows. While many answers not yet cached are
 * being signed, a request for another one gets {@code tryLater}, so a flood of made-up serials
 * queues no unbounded work.
 *
 * <p>A CertID naming an issuer that is not ours gets {@code unauthorized} (§2.3: this responder
 * cannot answer authoritatively); a serial that our issuer never signed gets a signed
 * {@code unknown} (§2.2); an unparsable request gets {@code malformedRequest}.
 */
public final class OcspResponder {

    /** Nonce-echoing signatures allowed at once; more requests get the cached response. */
    private static final int FRESH_SIGNATURES = 2;
    /** Most answers being looked up and signed at once; beyond that uncached requests get tryLater. */
    private static final int MAX_PENDING_SIGNATURES = 256;
    /** Most cached responses; the least recently used go first. */
    private static final int CACHE_SIZE = 50_000;
    /** RFC 8954 §2.1 allows nonces of up to 32 octets; a few more for the encoding. */
    private static final int MAX_NONCE_BYTES = 40;

    private static final Logger LOG = LoggerFactory.getLogger(OcspResponder.class);

    private final Store store;
    private final Supplier<Issuers> issuers;
    private final IssuerAttribution attribution;
    private final WorkerExecutor signers;
    private final Duration validity;
    private final Clock clock;
    private final ServerMetrics metrics;
    private final DigestCalculatorProvider digests = new BcDigestCalculatorProvider();
    /** Each issuer's certificate as BouncyCastle matches CertIDs against it, made once per issuer. */
    private final Map<SigningKeySource, X509CertificateHolder> holders = new ConcurrentHashMap<>();
    private final Map<String, Cached> cache = java.util.Collections.synchronizedMap(
            new LinkedHashMap<>(1024, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
                    return size() > CACHE_SIZE;
                }
            });
    private final Map<String, Future<Cached>> signing = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();
    private final AtomicInteger freshSignatures = new AtomicInteger();

    /** One signed response without nonce, and the state it was signed in. */
    private record Cached(byte[] der, OcspStatus status, Instant thisUpdate, Instant nextUpdate, String etag,
            long generation) {
    }

    /** An answer to find: the request's CertID and the issuer it names, with the issuer's key id. */
    private record Question(CertificateID id, SigningKeySource issuer, String issuerId) {

        String serial() {
            return SerialNumbers.toHex(id.getSerialNumber());
        }

        String cacheKey() {
            return id.getHashAlgOID().getId() + "/" + issuerId() + "/" + serial();
        }
    }

    /**
     * @param signers  the worker threads that sign
     * @param validity from thisUpdate to nextUpdate of each answer
     */
    public OcspResponder(Store store, Supplier<Issuers> issuers, IssuerAttribution attribution, WorkerExecutor signers,
            Duration validity, Clock clock, ServerMetrics metrics) {
        this.store = store;
        this.issuers = issuers;
        this.attribution = attribution;
        this.signers = signers;
        this.validity = validity;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** Forgets every cached response: a certificate's status changed. */
    public void revocationsChanged() {
        generation.incrementAndGet();
        cache.clear();
    }

    /** Answers a DER-encoded OCSPRequest; never fails (failures become OCSP error responses). */
    public Future<OcspReply> respond(byte[] requestDer) {
        OCSPReq request;
        Req[] requests;
        try {
            request = new OCSPReq(requestDer);
            requests = request.getRequestList();
        } catch (java.io.IOException | RuntimeException e) {
            return error("malformedRequest", OcspResponses.malformedRequest());
        }
        Optional<byte[]> nonce = nonce(request);
        if (requests.length == 0 || nonce.filter(value -> value.length > MAX_NONCE_BYTES).isPresent()) {
            return error("malformedRequest", OcspResponses.malformedRequest());
        }
        Optional<List<Question>> questions = questions(requests);
        if (questions.isEmpty()) {
            return error("unauthorized", OcspResponses.unauthorized());
        }
        return answer(questions.get(), nonce).recover(failure -> {
            LOG.warn("cannot answer an OCSP request: {}", failure.getMessage());
            return error("internalError", OcspResponses.internalError());
        });
    }

    /** The questions, when every one names the same issuer of ours. */
    private Optional<List<Question>> questions(Req[] requests) {
        List<Question> questions = new ArrayList<>();
        for (Req single : requests) {
            Optional<SigningKeySource> issuer = issuerOf(single.getCertID());
            if (issuer.isEmpty() || (!questions.isEmpty() && questions.get(0).issuer() != issuer.get())) {
                return Optional.empty();
            }
            questions.add(new Question(single.getCertID(), issuer.get(), IssuerIds.of(issuer.get().issuer())));
        }
        return Optional.of(questions);
    }

    private Future<OcspReply> answer(List<Question> questions, Optional<byte[]> nonce) {
        if ((nonce.isPresent() || questions.size() > 1) && takeFreshSignature()) {
            return signFresh(questions, nonce).eventually(() -> {
                freshSignatures.decrementAndGet();
                return Future.succeededFuture();
            });
        }
        if (questions.size() > 1 || (!isCached(questions.get(0)) && signing.size() >= MAX_PENDING_SIGNATURES)) {
            // A flood of serials not yet cached queues no unbounded work: the client asks again later.
            return error("tryLater", OcspResponses.tryLater());
        }
        return cached(questions.get(0)).map(entry -> {
            metrics.ocspAnswered(entry.status().label());
            return new OcspReply(entry.der(), true, Optional.of(entry.thisUpdate()), Optional.of(entry.nextUpdate()),
                    Optional.of(entry.etag()));
        });
    }

    private Future<OcspReply> error(String name, byte[] der) {
        metrics.ocspAnswered(name);
        return Future.succeededFuture(OcspReply.once(der));
    }

    private boolean takeFreshSignature() {
        if (freshSignatures.incrementAndGet() > FRESH_SIGNATURES) {
            freshSignatures.decrementAndGet();
            return false;
        }
        return true;
    }

    private Optional<SigningKeySource> issuerOf(CertificateID id) {
        for (SigningKeySource issuer : issuers.get().all()) {
            try {
                if (id.matchesIssuer(holders.computeIfAbsent(issuer, OcspResponder::holder), digests)) {
                    return Optional.of(issuer);
                }
            } catch (OCSPException | RuntimeException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static X509CertificateHolder holder(SigningKeySource issuer) {
        try {
            return new X509CertificateHolder(issuer.issuer().getEncoded());
        } catch (CertificateEncodingException | IOException e) {
            throw new IllegalStateException("cannot encode the issuer certificate", e);
        }
    }

    private static Optional<byte[]> nonce(OCSPReq request) {
        Extension extension = request.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
        return extension == null ? Optional.empty() : Optional.of(extension.getExtnValue().getOctets());
    }

    private boolean isCached(Question question) {
        Cached entry = cache.get(question.cacheKey());
        return entry != null && isFresh(entry);
    }

    /** The cached response, signing it (once, however many ask at the same time) when missing or old. */
    private Future<Cached> cached(Question question) {
        String key = question.cacheKey();
        Cached entry = cache.get(key);
        if (entry != null && isFresh(entry)) {
            return Future.succeededFuture(entry);
        }
        Future<Cached> pending = signing.get(key);
        if (pending != null) {
            return pending;
        }
        long startedIn = generation.get();
        Future<Cached> signed = status(question)
                .compose(status -> signers.executeBlocking(() -> sign(question, status, startedIn), false));
        signing.put(key, signed);
        return signed.andThen(done -> {
            signing.remove(key, signed);
            if (done.succeeded() && done.result().generation() == generation.get()) {
                cache.put(key, done.result());
            }
        });
    }

    private boolean isFresh(Cached entry) {
        return entry.generation() == generation.get()
                && clock.instant().isBefore(entry.thisUpdate().plus(validity.dividedBy(2)));
    }

    private Cached sign(Question question, OcspStatus status, long startedIn) {
        Instant thisUpdate = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant nextUpdate = thisUpdate.plus(validity);
        byte[] der = OcspResponses.signed(question.issuer(),
                List.of(new OcspResponses.Answer(question.id(), status, thisUpdate, nextUpdate)), thisUpdate,
                Optional.empty());
        return new Cached(der, status, thisUpdate, nextUpdate, etag(der), startedIn);
    }

    private Future<OcspReply> signFresh(List<Question> questions, Optional<byte[]> nonce) {
        Future<List<OcspStatus>> statuses = Future.succeededFuture(new ArrayList<>());
        for (Question question : questions) {
            statuses = statuses.compose(list -> status(question).map(status -> {
                list.add(status);
                return list;
            }));
        }
        return statuses.compose(list -> signers.executeBlocking(() -> {
            Instant thisUpdate = clock.instant().truncatedTo(ChronoUnit.SECONDS);
            List<OcspResponses.Answer> answers = new ArrayList<>();
            for (int i = 0; i < questions.size(); i++) {
                answers.add(new OcspResponses.Answer(questions.get(i).id(), list.get(i), thisUpdate,
                        thisUpdate.plus(validity)));
            }
            list.forEach(status -> metrics.ocspAnswered(status.label()));
            return OcspReply.once(OcspResponses.signed(questions.get(0).issuer(), answers, thisUpdate, nonce));
        }, false));
    }

    /** The certificate's status from the store: unknown unless this issuer signed it. */
    private Future<OcspStatus> status(Question question) {
        return store.findCertificate(question.serial()).compose(found -> {
            if (found.isEmpty()) {
                return Future.succeededFuture(new OcspStatus.Unknown());
            }
            StoredCertificate certificate = found.get();
            if (certificate.issuerId() != null) {
                return Future.succeededFuture(statusOf(certificate, question));
            }
            // Stored before schema version 5: attributing it checks a signature, off the event loop.
            return signers.executeBlocking(() -> statusOf(certificate, question), false);
        });
    }

    private OcspStatus statusOf(StoredCertificate certificate, Question question) {
        if (attribution.issuerId(certificate).filter(question.issuerId()::equals).isEmpty()) {
            return new OcspStatus.Unknown();
        }
        return certificate.isRevoked()
                ? new OcspStatus.Revoked(certificate.revokedAt(),
                        certificate.revocationReason() == null ? 0 : certificate.revocationReason())
                : new OcspStatus.Good();
    }

    private static String etag(byte[] der) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(der);
            return "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }
}

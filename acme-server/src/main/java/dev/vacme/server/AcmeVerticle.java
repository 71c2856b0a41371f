package dev.vacme.server;

import dev.vacme.common.json.AcmeJson;
import dev.vacme.common.model.DirectoryMeta;
import dev.vacme.common.model.Identifier;
import dev.vacme.common.pki.IpAddresses;
import dev.vacme.common.problem.Problem;
import dev.vacme.common.problem.ProblemType;
import dev.vacme.server.audit.AuditLog;
import dev.vacme.server.audit.FileAuditLog;
import dev.vacme.server.ca.CaSetup;
import dev.vacme.server.ca.LocalCertificateAuthority;
import dev.vacme.server.ca.PkiUrls;
import dev.vacme.server.ca.status.CrlPublisher;
import dev.vacme.server.ca.status.IssuerAttribution;
import dev.vacme.server.ca.status.OcspResponder;
import dev.vacme.server.ca.SerialNumbers;
import dev.vacme.server.config.ConnectionLimits;
import dev.vacme.server.config.ServerConfig;
import dev.vacme.server.logging.LogFiles;
import dev.vacme.server.logging.LogLimiter;
import dev.vacme.server.metrics.CountingAuditLog;
import dev.vacme.server.metrics.EventLoopDelay;
import dev.vacme.server.metrics.MicrometerMetrics;
import dev.vacme.server.metrics.ServerMetrics;
import dev.vacme.server.metrics.TimedStore;
import dev.vacme.server.ra.AccountService;
import dev.vacme.server.ra.AuthorizationService;
import dev.vacme.server.ra.CaaRecheck;
import dev.vacme.server.ra.CertificateService;
import dev.vacme.server.ra.DeactivationPolicy;
import dev.vacme.server.ra.ChallengePolicy;
import dev.vacme.server.ra.ExternalAccountBindings;
import dev.vacme.server.ra.ExternalAccountKeys;
import dev.vacme.server.ra.IdentifierPolicy;
import dev.vacme.server.ra.InterruptedWorkRecovery;
import dev.vacme.server.ra.IssuanceService;
import dev.vacme.server.ra.OrderService;
import dev.vacme.server.ra.ProfilePolicy;
import dev.vacme.server.ra.RaSettings;
import dev.vacme.server.ra.RandomIds;
import dev.vacme.server.ra.RateLimiter;
import dev.vacme.server.ra.RegistrationAuthority;
import dev.vacme.server.ra.RenewalInfoService;
import dev.vacme.server.ra.RevocationService;
import dev.vacme.server.ra.StoreRetry;
import dev.vacme.server.store.Store;
import dev.vacme.server.store.StoreUnavailableException;
import dev.vacme.server.store.StoreLocation;
import dev.vacme.server.store.Stores;
import dev.vacme.server.va.AddressPolicy;
import dev.vacme.server.va.CaaChecker;
import dev.vacme.server.va.CaaPolicy;
import dev.vacme.server.va.DefaultValidationAuthority;
import dev.vacme.server.va.DnsClient;
import dev.vacme.server.va.DnsJavaClient;
import dev.vacme.server.va.ValidationAuthority;
import dev.vacme.server.wfe.ConnectionGate;
import dev.vacme.server.wfe.HealthResource;
import dev.vacme.server.wfe.MalformedUris;
import dev.vacme.server.wfe.MetricsResource;
import dev.vacme.server.wfe.LocalNonces;
import dev.vacme.server.wfe.NonceService;
import dev.vacme.server.wfe.PkiResource;
import dev.vacme.server.wfe.SharedNonces;
import dev.vacme.server.wfe.Urls;
import dev.vacme.server.wfe.WebFrontEnd;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's one verticle and its one wiring class: loads the CA, opens the store, builds the
 * roles (web front end, registration, validation and certificate authorities) and listens. Stopping it closes the
 * listener and the store.
 */
final class AcmeVerticle extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(AcmeVerticle.class);
    private static final Duration NONCE_LIFETIME = Duration.ofHours(1);
    private static final long PURGE_INTERVAL_MS = Duration.ofMinutes(10).toMillis();
    /** How often the CA directory is re-read for intermediates made by {@code vacme-server ca}. */
    private static final long ISSUER_RELOAD_INTERVAL_MS = Duration.ofMinutes(1).toMillis();
    private static final int NONCE_KEY_BYTES = 32;
    private static final Duration MAX_RECOVERY_INTERVAL = Duration.ofMinutes(1);
    /** Threads signing CRLs and OCSP answers, apart from issuance's. */
    private static final int PKI_SIGNING_THREADS = 2;

    private final ServerConfig config;
    private final Clock clock;
    private final SecureRandom random;

    private CaSetup caSetup;
    private CaSetup.Prepared ca;
    private Store store;
    private HttpServer server;
    private HttpServer adminServer;
    private HttpServer pkiServer;
    private CrlPublisher crlPublisher;
    private ConnectionGate connections;
    private volatile Router router;
    private String baseUrl;
    private long purgeTimer = -1;
    /** Built with the router; the purge timer uses it once listening. */
    private RateLimiter rateLimiter;
    private long recoveryTimer = -1;
    private long issuerTimer = -1;
    /** The metrics kept for /metrics: Micrometer's when the admin listener serves them. */
    private final ServerMetrics metrics;
    /** The periodic recovery fails every minute while the database is down: one line per 10 minutes is enough. */
    private final LogLimiter recoveryFailures = new LogLimiter(Duration.ofMinutes(10));
    private FileAuditLog auditFile;
    private EventLoopDelay eventLoopDelay;

    AcmeVerticle(ServerConfig config, Clock clock, SecureRandom random) {
        this.config = config;
        this.clock = clock;
        this.random = random;
        this.metrics = config.adminListen().isPresent() ? new MicrometerMetrics() : ServerMetrics.NONE;
    }

    @Override
    public Future<?> start() {
        caSetup = new CaSetup(config.dataDir(), config.caKey(), clock, random);
        return vertx.executeBlocking(this::openAuditLog, false)
                .compose(ignored -> vertx.executeBlocking(() -> ca = caSetup.prepare(config.profiles().longestValidity(),
                        config.intermediateOverlap(),
                        config.plainHttp() ? Optional.empty() : Optional.of(listenerNames())), false))
                .compose(ignored -> Stores.open(vertx, config.store(), clock))
                .compose(opened -> {
                    store = TimedStore.wrap(opened, metrics);
                    return store.secret(SharedNonces.SECRET_NAME, this::newNonceKey);
                })
                .compose(nonceKey -> startPki().map(nonceKey))
                .compose(this::listen)
                .onSuccess(ignored -> LOG.info("the CA signs with {}", ca.issuers().get().active().describe()))
                .recover(error -> closeStore().eventually(this::removeNewCa).eventually(this::closeObservers)
                        .transform(cleaned -> Future.failedFuture(error)));
    }

    /** Opens the audit log of {@code --audit-log}, when given. */
    private Void openAuditLog() {
        if (config.auditLog().isPresent()) {
            Path path = config.auditLog().get();
            try {
                auditFile = FileAuditLog.open(path, clock);
            } catch (IOException | SecurityException e) {
                String why = e instanceof java.nio.file.NoSuchFileException ? "its directory does not exist"
                        : e instanceof java.nio.file.AccessDeniedException ? "permission denied" : e.getMessage();
                throw new IllegalArgumentException("cannot open the audit log " + path + " (--audit-log): " + why, e);
            }
        }
        return null;
    }

    /**
     * Reopens the log files (on SIGHUP): the audit log and Logback's file appenders, for logrotate;
     * and re-reads the CA directory, for an intermediate rotated or cross-signed meanwhile.
     */
    void reopenLogFiles() {
        if (auditFile != null) {
            auditFile.reopen();
        }
        LogFiles.reopen();
        reloadIssuers();
    }

    /** Re-reads the CA directory on a worker (every minute and on SIGHUP). */
    private void reloadIssuers() {
        if (ca != null) {
            vertx.executeBlocking(ca.issuers()::reload, false)
                    .onFailure(error -> LOG.warn("cannot re-read the CA directory: {}", error.getMessage()));
        }
    }

    @Override
    public Future<?> stop() {
        vertx.cancelTimer(purgeTimer);
        vertx.cancelTimer(recoveryTimer);
        vertx.cancelTimer(issuerTimer);
        if (crlPublisher != null) {
            crlPublisher.stop();
        }
        Future<Void> closed = Future.all(server == null ? Future.succeededFuture() : server.close(),
                adminServer == null ? Future.succeededFuture() : adminServer.close(),
                pkiServer == null ? Future.succeededFuture() : pkiServer.close()).mapEmpty();
        return closed.eventually(this::closeStore).eventually(this::closeObservers);
    }

    /** Stops the event-loop probe and closes the audit log, after the store: nothing records after. */
    private Future<Void> closeObservers() {
        if (eventLoopDelay != null) {
            eventLoopDelay.close();
        }
        if (metrics instanceof MicrometerMetrics micrometer) {
            micrometer.close();
        }
        if (auditFile == null) {
            return Future.succeededFuture();
        }
        return vertx.executeBlocking(() -> {
            auditFile.close();
            return null;
        }, false).mapEmpty();
    }

    /** The port the server listens on. */
    int port() {
        return server.actualPort();
    }

    /** The base URL clients use. */
    String baseUrl() {
        return baseUrl;
    }

    private Future<Void> listen(byte[] nonceKey) {
        // Port 0 asks for a random port; Vert.x shares one random port between the servers that
        // ask for it with the same negative number, as the listeners on the other event loops do.
        int port = config.listenPort() == 0 ? -1 : config.listenPort();
        ConnectionLimits limits = config.connections();
        HttpServerOptions options = new HttpServerOptions().setHost(config.listenHost()).setPort(port)
                .setIdleTimeout((int) limits.idleTimeout().toSeconds()).setIdleTimeoutUnit(TimeUnit.SECONDS)
                .setSslHandshakeTimeout(limits.handshakeTimeout().toMillis())
                .setSslHandshakeTimeoutUnit(TimeUnit.MILLISECONDS);
        connections = new ConnectionGate(limits, clock);
        ca.listener().ifPresent(credentials -> options.setSsl(true).setKeyCertOptions(new PemKeyCertOptions()
                .setKeyValue(Buffer.buffer(credentials.privateKeyPem()))
                .setCertValue(Buffer.buffer(credentials.chainPem()))));
        server = vertx.createHttpServer(options).connectionHandler(connections::admit).requestHandler(this::dispatch);
        return server.listen().compose(listening -> {
            baseUrl = config.externalUrl().map(URI::toString).orElseGet(() -> defaultBaseUrl(listening.actualPort()));
            router = buildRouter(nonceKey);
            eventLoopDelay = EventLoopDelay.start(vertx, metrics);
            issuerTimer = vertx.setPeriodic(ISSUER_RELOAD_INTERVAL_MS, id -> reloadIssuers());
            purgeTimer = vertx.setPeriodic(PURGE_INTERVAL_MS, id -> purge());
            return listenOnMoreEventLoops(options).compose(more -> listenForAdmin());
        });
    }

    /**
     * Deletes used nonces that expired and rate limit events no window reaches any more. Every
     * instance on a shared database runs this; two running at once delete each row once.
     */
    private void purge() {
        store.purgeExpiredNonces(clock.instant())
                .onFailure(error -> LOG.warn("cannot purge expired nonces", error));
        rateLimiter.purgeOldEvents()
                .onFailure(error -> LOG.warn("cannot purge old rate limit events", error));
    }

    /** Opens the plain-HTTP admin listener with the health checks, when configured. */
    private Future<Void> listenForAdmin() {
        if (config.adminListen().isEmpty()) {
            return Future.succeededFuture();
        }
        ServerConfig.AdminListen admin = config.adminListen().get();
        Router adminRouter = new HealthResource(store).router(vertx);
        if (metrics instanceof MicrometerMetrics micrometer) {
            new MetricsResource(micrometer::scrape).addTo(adminRouter);
        }
        adminServer = vertx.createHttpServer(new HttpServerOptions().setHost(admin.host()).setPort(admin.port()))
                .requestHandler(adminRouter);
        return adminServer.listen().<Void>mapEmpty().recover(failure -> Future.failedFuture(new IllegalArgumentException(
                "cannot listen on " + admin.host() + ":" + admin.port() + " (--admin-listen): "
                        + (String.valueOf(failure.getMessage()).contains("already in use")
                                ? "the address is already in use" : failure.getMessage()), failure)));
    }

    /**
     * Starts revocation publishing when a PKI URL is configured: keeps the CRLs current in the store
     * and, with {@code --pki-listen}, serves them, the issuer certificates and OCSP on plain HTTP.
     */
    private Future<Void> startPki() {
        ServerConfig.Pki pki = config.pki();
        if (!pki.enabled()) {
            return Future.succeededFuture();
        }
        WorkerExecutor signers = vertx.createSharedWorkerExecutor("vacme-pki", PKI_SIGNING_THREADS);
        IssuerAttribution attribution = new IssuerAttribution(ca.issuers());
        byte[] holder = new byte[8];
        random.nextBytes(holder);
        crlPublisher = new CrlPublisher(vertx, store, ca.issuers(), attribution, signers, pki.crlValidity(), clock,
                HexFormat.of().formatHex(holder), metrics);
        OcspResponder ocsp = new OcspResponder(store, ca.issuers(), attribution, signers, pki.ocspValidity(), clock,
                metrics);
        crlPublisher.onRevocationsChanged(mark -> ocsp.revocationsChanged());
        Future<Void> published = crlPublisher.start();
        if (pki.listen().isEmpty()) {
            return published;
        }
        ServerConfig.AdminListen address = pki.listen().get();
        pkiServer = vertx.createHttpServer(new HttpServerOptions().setHost(address.host()).setPort(address.port()))
                .requestHandler(new PkiResource(ca.issuers(), crlPublisher, ocsp, clock).router(vertx));
        return published.compose(v -> pkiServer.listen()).<Void>mapEmpty().recover(failure -> Future.failedFuture(
                new IllegalArgumentException("cannot listen on " + address.host() + ":" + address.port()
                        + " (--pki-listen): " + (String.valueOf(failure.getMessage()).contains("already in use")
                                ? "the address is already in use" : failure.getMessage()), failure)));
    }

    /**
     * Adds a listener on the same address for each further core, so that every core serves
     * requests: one event loop alone would cap the server at one core.
     */
    private Future<Void> listenOnMoreEventLoops(HttpServerOptions options) {
        int more = Runtime.getRuntime().availableProcessors() - 1;
        if (more < 1) {
            return Future.succeededFuture();
        }
        return vertx.deployVerticle(() -> new ListenerVerticle(options, connections::admit, this::dispatch),
                new DeploymentOptions().setInstances(more)).mapEmpty();
    }

    /** Hands a request to the router, or answers 503 in the moment between listening and routing. */
    private void dispatch(HttpServerRequest request) {
        if (MalformedUris.rejected(request)) {
            return;
        }
        Router current = router;
        if (current != null) {
            current.handle(request);
            return;
        }
        request.response().setStatusCode(503).putHeader("Retry-After", "1")
                .putHeader("Content-Type", Problem.MEDIA_TYPE)
                .end(AcmeJson.write(Problem.of(ProblemType.SERVER_INTERNAL, "the server is starting").withStatus(503)));
    }

    private Router buildRouter(byte[] nonceKey) {
        Urls urls = new Urls(baseUrl);
        RaSettings settings = RaSettings.defaults(config.certValidity(), config.termsOfService());
        RandomIds ids = new RandomIds(random);
        AuditLog audit = AuditLog.all(auditFile == null ? AuditLog.NONE : auditFile, new CountingAuditLog(metrics));
        LocalCertificateAuthority authority = new LocalCertificateAuthority(vertx, ca.issuers(),
                config.pki().url().map(url -> new PkiUrls(url.toString())));
        DnsClient dns = DnsJavaClient.forSettings(vertx, config.validation());
        CaaChecker caa = config.caa().enabled()
                ? new CaaChecker(dns, new CaaPolicy(config.caa().identities()), urls::account) : null;
        ValidationAuthority validation = DefaultValidationAuthority.create(vertx, config.validation(), dns, caa);
        RenewalInfoService renewals = new RenewalInfoService(store, authority::issuers, settings, clock);
        AddressPolicy addresses = new AddressPolicy(config.validation().allowedNetworks());
        ExternalAccountKeys eabKeys = new ExternalAccountKeys(store, random, clock);
        ProfilePolicy profiles = new ProfilePolicy(config.profiles(), urls::account, eabKeys::label);
        rateLimiter = new RateLimiter(store, config.rateLimits().limits(), config.rateLimits().overrides(),
                urls::account, config.specialNames().suffixes(), config.rateLimits().helpUrl(), clock);
        OrderService orders = new OrderService(store, settings,
                new IdentifierPolicy(settings.maxIdentifiers(), addresses::refusal, config.domains(),
                        config.specialNames()),
                new ChallengePolicy(config.challenges()), rateLimiter,
                renewals, profiles, ids, clock, audit);
        IssuanceService issuance = new IssuanceService(store, orders, authority, new SerialNumbers(random),
                profiles, clock, new CaaRecheck(store, caa, config.caa().recheckAfter(), clock), audit, rateLimiter);
        RevocationService revocations = new RevocationService(store, clock, audit,
                crlPublisher == null ? () -> { } : crlPublisher::trigger);
        RegistrationAuthority ra = new RegistrationAuthority(
                new AccountService(store, settings, new ExternalAccountBindings(store, config.requireEab()), ids, clock,
                        audit, rateLimiter, config.revokeOnAccountDeactivation()
                                ? DeactivationPolicy.revokeCertificates(revocations)
                                : DeactivationPolicy.KEEP_CERTIFICATES),
                orders,
                new AuthorizationService(store, new StoreRetry(vertx), validation, settings, clock, audit,
                        rateLimiter),
                issuance,
                new CertificateService(store, authority::issuers),
                revocations,
                renewals);
        InterruptedWorkRecovery recovery = new InterruptedWorkRecovery(store, clock, config.recoveryWindow());
        recover(recovery);
        // Looking a quarter window apart fails stuck work at most 1.25 windows after it started.
        Duration interval = config.recoveryWindow().dividedBy(4);
        recoveryTimer = vertx.setPeriodic((interval.compareTo(MAX_RECOVERY_INTERVAL) < 0 ? interval : MAX_RECOVERY_INTERVAL)
                .toMillis(), id -> recover(recovery));
        // The embedded store serves one instance: its nonces need no database write.
        NonceService nonces = config.store() instanceof StoreLocation.Sqlite
                ? new LocalNonces(NONCE_LIFETIME, clock, random)
                : new SharedNonces(store, nonceKey, NONCE_LIFETIME, clock, random);
        DirectoryMeta meta = new DirectoryMeta(config.termsOfService().orElse(null), null, null, config.requireEab(),
                config.profiles().descriptions());
        return new WebFrontEnd(urls, nonces, ra, meta, metrics).router(vertx);
    }

    private void recover(InterruptedWorkRecovery recovery) {
        recovery.run().onFailure(error -> recoveryFailures.permit().ifPresent(held -> {
            if (error instanceof StoreUnavailableException) {
                LOG.warn("cannot recover interrupted work: {} ({} more such failure(s) since the last line)",
                        error.getMessage(), held);
            } else {
                LOG.warn("cannot recover interrupted work ({} more such failure(s) since the last line)", held, error);
            }
        }));
    }

    private List<Identifier> listenerNames() {
        Set<String> names = new LinkedHashSet<>(List.of("localhost", "127.0.0.1", "::1"));
        config.externalUrl().map(URI::getHost).ifPresent(names::add);
        String host = config.listenHost();
        if (!host.equals("0.0.0.0") && !host.equals("::")) {
            names.add(host);
        }
        return names.stream()
                .map(name -> name.startsWith("[") ? name.substring(1, name.length() - 1) : name)
                .map(name -> IpAddresses.parse(name).map(address -> Identifier.ip(IpAddresses.canonical(address)))
                        .orElse(Identifier.dns(name)))
                .distinct()
                .toList();
    }

    private String defaultBaseUrl(int port) {
        String host = config.listenHost();
        if (host.equals("0.0.0.0") || host.equals("::") || host.equals("127.0.0.1")) {
            host = "localhost";
        } else if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return (config.plainHttp() ? "http" : "https") + "://" + host + ":" + port;
    }

    private byte[] newNonceKey() {
        byte[] key = new byte[NONCE_KEY_BYTES];
        random.nextBytes(key);
        return key;
    }

    /** Removes a CA this failed start generated, so a failed first start leaves no CA behind. */
    private Future<Void> removeNewCa() {
        return vertx.executeBlocking(() -> {
            caSetup.removeIfGenerated();
            return null;
        }, false).onFailure(error -> LOG.warn("cannot remove the CA generated by this failed start", error))
                .mapEmpty();
    }

    private Future<Void> closeStore() {
        return store == null ? Future.succeededFuture() : store.close();
    }
}

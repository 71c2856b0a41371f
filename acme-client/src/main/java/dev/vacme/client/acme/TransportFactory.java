package dev.vacme.client.acme;

/** Builds the transport to an ACME server; tests substitute one that counts or fakes requests. */
@FunctionalInterface
public interface TransportFactory {

    /** The production factory: {@link JdkTransport} over {@code java.net.http}. */
    TransportFactory JDK = JdkTransport::new;

    /** Builds a transport with the given settings. */
    Transport create(TransportSettings settings);
}

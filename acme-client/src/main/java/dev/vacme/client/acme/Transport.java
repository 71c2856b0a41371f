package dev.vacme.client.acme;

/**
 * Sends one HTTP request and returns the response, whatever its status. Implementations turn
 * I/O failures and timeouts into {@link AcmeNetworkException}; they never interpret ACME.
 */
@FunctionalInterface
public interface Transport {

    /**
     * Sends the request.
     *
     * @throws AcmeNetworkException when no response arrived
     */
    AcmeResponse send(AcmeRequest request);
}

package dev.vacme.client.deploy.apache;

/**
 * Where a VirtualHost serves TLS and the name to ask it for.
 *
 * @param host the address to connect to
 * @param port the TLS port
 * @param sni  the server name to send
 */
record Endpoint(String host, int port, String sni) {

    @Override
    public String toString() {
        return sni + " at " + host + ":" + port;
    }
}

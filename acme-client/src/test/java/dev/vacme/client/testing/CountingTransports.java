package dev.vacme.client.testing;

import dev.vacme.client.acme.AcmeRequest;
import dev.vacme.client.acme.JdkTransport;
import dev.vacme.client.acme.TransportFactory;
import java.util.ArrayList;
import java.util.List;

/** A transport factory that records every request the client sends, through the real transport. */
public final class CountingTransports implements TransportFactory {

    private final List<AcmeRequest> requests = new ArrayList<>();

    @Override
    public dev.vacme.client.acme.Transport create(dev.vacme.client.acme.TransportSettings settings) {
        JdkTransport real = new JdkTransport(settings);
        return request -> {
            synchronized (requests) {
                requests.add(request);
            }
            return real.send(request);
        };
    }

    /** Returns the requests so far. */
    public List<AcmeRequest> requests() {
        synchronized (requests) {
            return new ArrayList<>(requests);
        }
    }

    /** Forgets the requests so far. */
    public void reset() {
        synchronized (requests) {
            requests.clear();
        }
    }
}

package dev.vacme.client.testing;

import dev.vacme.client.acme.AcmeRequest;
import dev.vacme.client.acme.AcmeResponse;
import dev.vacme.client.acme.JdkTransport;
import dev.vacme.client.acme.Transport;
import dev.vacme.client.acme.TransportFactory;
import dev.vacme.client.acme.TransportSettings;
import java.util.ArrayList;
import java.util.List;

/** A transport factory that records every request the client sends, through the real transport. */
public final class CountingTransports implements TransportFactory {

    private final List<AcmeRequest> requests = new ArrayList<>();
    private final List<AcmeResponse> responses = new ArrayList<>();

    @Override
    public Transport create(TransportSettings settings) {
        JdkTransport real = new JdkTransport(settings);
        return request -> {
            synchronized (requests) {
                requests.add(request);
            }
            AcmeResponse response = real.send(request);
            synchronized (requests) {
                responses.add(response);
            }
            return response;
        };
    }

    /** Returns the requests so far. */
    public List<AcmeRequest> requests() {
        synchronized (requests) {
            return new ArrayList<>(requests);
        }
    }

    /** Returns the responses so far. */
    public List<AcmeResponse> responses() {
        synchronized (requests) {
            return new ArrayList<>(responses);
        }
    }

    /** Forgets the requests so far. */
    public void reset() {
        synchronized (requests) {
            requests.clear();
            responses.clear();
        }
    }
}

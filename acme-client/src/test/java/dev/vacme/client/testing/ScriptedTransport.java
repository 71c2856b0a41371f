package dev.vacme.client.testing;

import dev.vacme.client.acme.AcmeRequest;
import dev.vacme.client.acme.AcmeResponse;
import dev.vacme.client.acme.Transport;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** A transport that answers from a script and records every request, for protocol unit tests. */
public final class ScriptedTransport implements Transport {

    private final Deque<Function<AcmeRequest, AcmeResponse>> script = new ArrayDeque<>();
    private final List<AcmeRequest> requests = new ArrayList<>();

    /** Queues an answer. */
    public ScriptedTransport then(Function<AcmeRequest, AcmeResponse> answer) {
        script.add(answer);
        return this;
    }

    /** Queues a JSON answer with headers given as name, value pairs. */
    public ScriptedTransport thenJson(int status, String contentType, String body, String... headers) {
        return then(request -> response(request, status, contentType, body, headers));
    }

    /** Builds a response. */
    public static AcmeResponse response(AcmeRequest request, int status, String contentType, String body,
            String... headers) {
        Map<String, List<String>> map = new HashMap<>();
        if (contentType != null) {
            map.put("Content-Type", List.of(contentType));
        }
        for (int i = 0; i < headers.length; i += 2) {
            map.computeIfAbsent(headers[i], k -> new ArrayList<>()).add(headers[i + 1]);
        }
        return new AcmeResponse(request, status, map, body == null ? null : body.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public synchronized AcmeResponse send(AcmeRequest request) {
        requests.add(request);
        if (script.isEmpty()) {
            throw new AssertionError("unexpected request " + request.method() + " " + request.uri());
        }
        return script.poll().apply(request);
    }

    /** Returns every request so far. */
    public synchronized List<AcmeRequest> requests() {
        return List.copyOf(requests);
    }

    /** Returns the number of answers not used yet. */
    public synchronized int remaining() {
        return script.size();
    }
}

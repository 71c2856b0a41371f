package dev.vacme.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class ExitPreparationTest {

    @Test
    void stopsTheSelectorThreadOfAnHttpClientThatWasUsed() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try {
            client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + closedPort + "/")).build(),
                    HttpResponse.BodyHandlers.discarding());
        } catch (IOException refused) {
            // Connection refused: enough to have started the client's selector thread.
        }
        assertThat(selectorThreads()).as("the client's selector thread runs").isPositive();

        ExitPreparation.stopHttpClientSelectors();

        assertThat(selectorThreads()).isZero();
        assertThat(client).isNotNull();
    }

    private static long selectorThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().matches("HttpClient-\\d+-SelectorManager") && thread.isAlive())
                .count();
    }
}

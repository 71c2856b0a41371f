package dev.vacme.client.challenge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vacme.client.testing.FreePorts;
import dev.vacme.common.model.Challenge;
import dev.vacme.common.model.ChallengeStatus;
import dev.vacme.common.model.Identifier;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StandaloneAuthenticatorTest {

    private static ChallengeTask task(String token) {
        Challenge challenge = new Challenge("http-01", URI.create("https://ca.test/chall/" + token),
                ChallengeStatus.PENDING, null, null, token);
        return new ChallengeTask(Identifier.dns("a.test"), false, challenge, token + ".thumbprint");
    }

    private static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesKeyAuthorizationsWhileValidatingAndStopsAfterwards() throws Exception {
        int port = FreePorts.tcp();
        List<String> log = new ArrayList<>();
        StandaloneAuthenticator authenticator = new StandaloneAuthenticator("127.0.0.1", port, log::add);
        List<ChallengeTask> tasks = List.of(task("tok1"), task("tok2"));

        authenticator.perform(tasks);
        HttpResponse<String> first = get(port, "/.well-known/acme-challenge/tok1");
        HttpResponse<String> second = get(port, "/.well-known/acme-challenge/tok2");
        HttpResponse<String> unknown = get(port, "/.well-known/acme-challenge/other");
        HttpResponse<String> elsewhere = get(port, "/index.html");
        authenticator.cleanup(tasks);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).isEqualTo("tok1.thumbprint");
        assertThat(first.headers().firstValue("Content-Type")).contains("text/plain");
        assertThat(second.body()).isEqualTo("tok2.thumbprint");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(elsewhere.statusCode()).isEqualTo(404);
        // Nothing answers after cleanup: a refused connection, or rarely (Linux connecting the
        // probe to itself on the freed ephemeral port) an unreadable answer.
        assertThatThrownBy(() -> get(port, "/.well-known/acme-challenge/tok1")).isInstanceOf(IOException.class);
        assertThat(log).first().isEqualTo("answering http-01 on 127.0.0.1:" + port + " for 2 challenge(s)");
    }

    @Test
    void explainsWhenThePortIsTaken() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            StandaloneAuthenticator authenticator = new StandaloneAuthenticator("127.0.0.1", taken.getLocalPort(),
                    message -> { });

            assertThatThrownBy(() -> authenticator.perform(List.of(task("t"))))
                    .isInstanceOf(AuthenticatorException.class)
                    .hasMessageStartingWith("cannot listen on 127.0.0.1:" + taken.getLocalPort() + " for http-01")
                    .hasMessageEndingWith("Use --webroot, or stop it with --pre-hook and start it again with"
                            + " --post-hook");
            authenticator.cleanup(List.of(task("t")));
        }
    }
}

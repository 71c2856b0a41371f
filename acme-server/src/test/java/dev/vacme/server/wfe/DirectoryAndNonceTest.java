package dev.vacme.server.wfe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vacme.common.model.Directory;
import dev.vacme.common.model.OrderList;
import dev.vacme.server.testing.AcmeFlow;
import dev.vacme.server.testing.AcmeServerTest;
import dev.vacme.server.testing.AcmeTestClient.Response;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** The directory and newNonce (RFC 8555 §7.1.1, §7.2, §6.3) and requests no resource can take. */
class DirectoryAndNonceTest extends AcmeServerTest {

    @Test
    void directoryAndNewNonceAcceptPostAsGet() {
        AcmeFlow account = newAccount();

        Response directory = account.post(server.directoryUrl(), null);
        Response nonce = account.post(client.directory().newNonce().toString(), null);

        assertThat(directory.status()).isEqualTo(200);
        assertThat(directory.as(Directory.class)).isEqualTo(client.directory());
        assertThat(nonce.status()).isEqualTo(200);
        assertThat(nonce.header("Replay-Nonce")).isNotBlank();
        assertThat(nonce.header("Cache-Control")).isEqualTo("no-store");
    }

    @Test
    void headOnTheDirectoryAnswersWithoutABody() {
        Response head = client.send("HEAD", server.directoryUrl());

        assertThat(head.status()).isEqualTo(200);
        assertThat(head.header("Content-Type")).isEqualTo("application/json");
        assertThat(head.body()).isEmpty();
    }

    @Test
    void aCorsPreflightIsAnswered() {
        Response preflight = client.send("OPTIONS", client.directory().newOrder().toString());

        assertThat(preflight.status()).isEqualTo(204);
        assertThat(preflight.header("Access-Control-Allow-Methods")).isEqualTo("GET, HEAD, POST");
        assertThat(preflight.header("Access-Control-Allow-Headers")).isEqualTo("Content-Type");
        assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo("*");
    }

    @Test
    void aBrokenPercentEscapeIsMalformed() {
        URI base = URI.create(server.baseUrl());

        String raw = client.sendRaw(base.getHost(), base.getPort(), "/acme/renewal-info/%zz");

        assertThat(raw).startsWith("HTTP/1.1 400 ");
        assertThat(raw).contains("application/problem+json")
                .contains("{\"type\":\"urn:ietf:params:acme:error:malformed\",\"status\":400,"
                        + "\"detail\":\"the request URI has an invalid %-escape\"}");
    }

    @Test
    void aPageFarBeyondTheLastIsEmpty() {
        AcmeFlow account = newAccount();
        account.order("page.test");

        Response page = account.post(account.kid() + "/orders?page=2147483647", null);

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.as(OrderList.class).orders()).isEmpty();
    }
}

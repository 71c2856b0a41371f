package dev.vacme.server.wfe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A request path is labelled with the template of the route it belongs to, as the router matches it. */
class RouteTemplatesTest {

    private final RouteTemplates templates = new RouteTemplates(List.of("/directory", "/acme/new-nonce",
            "/acme/order/:id", "/acme/order/:id/finalize", "/acme/chall/:authz/:chall", "/acme/cert/:serial",
            "/acme/cert/:serial/:alternate"));

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource({
        "/directory,                  /directory",
        "/directory/,                 /directory",
        "/acme/new-nonce,             /acme/new-nonce",
        "/acme/order/abc,             /acme/order/:id",
        "/acme/order/abc/,            /acme/order/:id",
        "/acme/order/abc/finalize,    /acme/order/:id/finalize",
        "/acme/chall/a1/c2,           /acme/chall/:authz/:chall",
        "/acme/cert/01ff,             /acme/cert/:serial",
        "/acme/cert/01ff/1,           /acme/cert/:serial/:alternate",
    })
    void aPathGetsTheTemplateOfItsRoute(String path, String template) {
        assertThat(templates.match(path)).isEqualTo(template);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource({"/", "/directoryx", "/acme/order", "/acme/order/", "/acme/order//finalize",
        "/acme/order/abc/cancel", "/acme/chall/a1", "/acme/cert/01ff/1/2", "/other"})
    void aPathOfNoRouteGetsNone(String path) {
        assertThat(templates.match(path)).isNull();
    }
}

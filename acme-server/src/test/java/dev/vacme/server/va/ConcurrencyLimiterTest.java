package dev.vacme.server.va;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ConcurrencyLimiterTest {

    private static Vertx vertx;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() throws Exception {
        Await.result(vertx.close());
    }

    /** A task that reports its start and finishes when told. */
    private record Task(String name, Promise<String> finish) {
    }

    @Test
    void queuedTasksStartInSubmissionOrderAsSlotsFree() throws Exception {
        ConcurrencyLimiter limiter = new ConcurrencyLimiter(vertx, 1);
        BlockingQueue<Task> started = new LinkedBlockingQueue<>();
        List<Future<String>> results = List.of("a", "b", "c").stream()
                .map(name -> limiter.submit(() -> {
                    Promise<String> finish = Promise.promise();
                    started.add(new Task(name, finish));
                    return finish.future();
                }))
                .toList();
        for (String expected : List.of("a", "b", "c")) {
            Task task = started.poll(10, TimeUnit.SECONDS);
            assertThat(task).isNotNull();
            assertThat(task.name()).isEqualTo(expected);
            assertThat(limiter.running()).isEqualTo(1);
            assertThat(started).isEmpty();
            task.finish().complete(expected.toUpperCase());
        }
        assertThat(results.stream().map(this::result)).containsExactly("A", "B", "C");
        assertThat(limiter.running()).isZero();
        assertThat(limiter.waiting()).isZero();
    }

    @Test
    void aTaskThatThrowsFailsItsFutureAndFreesItsSlot() throws Exception {
        ConcurrencyLimiter limiter = new ConcurrencyLimiter(vertx, 1);
        IllegalStateException bug = new IllegalStateException("bug");
        Future<String> failed = limiter.submit(() -> {
            throw bug;
        });
        assertThat(Await.failure(failed)).isSameAs(bug);
        assertThat(Await.result(limiter.submit(() -> Future.succeededFuture("next")))).isEqualTo("next");
        assertThat(limiter.running()).isZero();
    }

    @Test
    void needsAtLeastOneSlot() {
        assertThatThrownBy(() -> new ConcurrencyLimiter(vertx, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("at least one task must be allowed to run, not 0");
    }

    private String result(Future<String> future) {
        try {
            return Await.result(future);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}

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
        ConcurrencyLimiter limiter = new ConcurrencyLimiter(vertx, 1, 1);
        BlockingQueue<Task> started = new LinkedBlockingQueue<>();
        List<Future<String>> results = List.of("a", "b", "c").stream()
                .map(name -> limiter.submit("owner", () -> {
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
    void aFreedSlotGoesToTheNextOwnerInTurnNotToTheOwnerWithTheLongestQueue() throws Exception {
        ConcurrencyLimiter limiter = new ConcurrencyLimiter(vertx, 2, 1);
        BlockingQueue<Task> started = new LinkedBlockingQueue<>();
        for (String name : List.of("x1", "x2", "x3", "y1", "z1")) {
            limiter.submit(name.substring(0, 1), () -> {
                Promise<String> finish = Promise.promise();
                started.add(new Task(name, finish));
                return finish.future();
            });
        }
        Task x1 = started.poll(10, TimeUnit.SECONDS);
        Task y1 = started.poll(10, TimeUnit.SECONDS);
        assertThat(List.of(x1.name(), y1.name())).as("one of x's, and y's at once: x may run only one")
                .containsExactly("x1", "y1");
        assertThat(limiter.waiting()).isEqualTo(3);
        assertThat(limiter.waiting("x")).isEqualTo(2);

        y1.finish().complete("done");
        Task next = started.poll(10, TimeUnit.SECONDS);
        assertThat(next.name()).as("z's only task, not x's second: x already runs its share").isEqualTo("z1");

        x1.finish().complete("done");
        assertThat(started.poll(10, TimeUnit.SECONDS).name()).isEqualTo("x2");
        assertThat(limiter.running()).isEqualTo(2);
        assertThat(limiter.waiting("x")).isEqualTo(1);
    }

    @Test
    void aTargetRunsAtMostItsLimitAndTheOthersTakeTheFreeSlots() throws Exception {
        ConcurrencyLimiter limiter = new ConcurrencyLimiter(vertx, 4, 4, 2);
        BlockingQueue<Task> started = new LinkedBlockingQueue<>();
        for (String name : List.of("dead1", "dead2", "dead3", "dead4", "live1")) {
            String target = name.startsWith("dead") ? "dead.test" : "live.test";
            limiter.submit(name.startsWith("dead") ? "x" : "y", target, () -> {
                Promise<String> finish = Promise.promise();
                started.add(new Task(name, finish));
                return finish.future();
            });
        }
        Task dead1 = started.poll(10, TimeUnit.SECONDS);
        Task dead2 = started.poll(10, TimeUnit.SECONDS);
        Task live1 = started.poll(10, TimeUnit.SECONDS);
        assertThat(List.of(dead1.name(), dead2.name(), live1.name())).containsExactly("dead1", "dead2", "live1");
        assertThat(limiter.runningAgainst("dead.test")).isEqualTo(2);
        assertThat(limiter.waitingFor("dead.test")).isEqualTo(2);
        assertThat(limiter.running()).as("a free slot stays free rather than go to the full target").isEqualTo(3);

        live1.finish().complete("done");
        assertThat(Await.result(limiter.submit("z", "other.test", () -> Future.succeededFuture("ran"))))
                .as("another target still gets a slot").isEqualTo("ran");
        assertThat(started).isEmpty();

        dead1.finish().complete("done");
        assertThat(started.poll(10, TimeUnit.SECONDS).name()).isEqualTo("dead3");
        assertThat(limiter.runningAgainst("dead.test")).isEqualTo(2);
        assertThat(limiter.waitingFor("dead.test")).isEqualTo(1);
    }

    @Test
    void anOwnersTaskForAnotherTargetDoesNotWaitBehindItsTasksForAFullTarget() throws Exception {
        ConcurrencyLimiter limiter = new ConcurrencyLimiter(vertx, 4, 2, 1);
        BlockingQueue<Task> started = new LinkedBlockingQueue<>();
        List<String> targets = List.of("dead.test", "dead.test", "live.test");
        for (int i = 0; i < targets.size(); i++) {
            String name = "t" + i;
            limiter.submit("x", targets.get(i), () -> {
                Promise<String> finish = Promise.promise();
                started.add(new Task(name, finish));
                return finish.future();
            });
        }
        assertThat(started.poll(10, TimeUnit.SECONDS).name()).isEqualTo("t0");
        Task live = started.poll(10, TimeUnit.SECONDS);
        assertThat(live.name()).as("the task for live.test passes the one waiting for dead.test").isEqualTo("t2");
        assertThat(limiter.waiting("x")).isEqualTo(1);
    }

    @Test
    void oneFinishedTaskCanLetATaskHeldByItsOwnerAndOneHeldByItsTargetStart() throws Exception {
        ConcurrencyLimiter limiter = new ConcurrencyLimiter(vertx, 4, 1, 1);
        BlockingQueue<Task> started = new LinkedBlockingQueue<>();
        List<List<String>> tasks = List.of(List.of("x", "t.test", "x-t"), List.of("x", "u.test", "x-u"),
                List.of("y", "t.test", "y-t"));
        for (List<String> task : tasks) {
            limiter.submit(task.get(0), task.get(1), () -> {
                Promise<String> finish = Promise.promise();
                started.add(new Task(task.get(2), finish));
                return finish.future();
            });
        }
        Task first = started.poll(10, TimeUnit.SECONDS);
        assertThat(first.name()).isEqualTo("x-t");
        assertThat(limiter.waiting()).as("x-u waits for x's slot, y-t for t.test's").isEqualTo(2);

        first.finish().complete("done");
        Task second = started.poll(10, TimeUnit.SECONDS);
        Task third = started.poll(10, TimeUnit.SECONDS);
        assertThat(List.of(second.name(), third.name())).containsExactlyInAnyOrder("x-u", "y-t");
        assertThat(limiter.running()).isEqualTo(2);
        assertThat(limiter.waiting()).isZero();
    }

    @Test
    void aTaskThatThrowsFailsItsFutureAndFreesItsSlot() throws Exception {
        ConcurrencyLimiter limiter = new ConcurrencyLimiter(vertx, 1, 1);
        IllegalStateException bug = new IllegalStateException("bug");
        Future<String> failed = limiter.submit("owner", () -> {
            throw bug;
        });
        assertThat(Await.failure(failed)).isSameAs(bug);
        assertThat(Await.result(limiter.submit("owner", () -> Future.succeededFuture("next")))).isEqualTo("next");
        assertThat(limiter.running()).isZero();
    }

    @Test
    void needsAtLeastOneSlot() {
        assertThatThrownBy(() -> new ConcurrencyLimiter(vertx, 0, 1)).isInstanceOf(IllegalArgumentException.class)
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

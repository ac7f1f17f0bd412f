package org.transformerguide.playground.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.transformerguide.testing.SelfContained;

/**
 * When a worker counts as free (the two races behind earlier flaky tests, pinned down), and the queue in
 * front of the workers: fair between learners, bounded in size and in wait.
 */
@SelfContained
class InferencePoolTest {

    private InferencePool pool = pool(0, Duration.ofSeconds(10));

    private static InferencePool pool(int queueSize, Duration queueWait) {
        return new InferencePool(new PlaygroundProperties(false, "", new PlaygroundProperties.Preset(1, 1, 8, 8), 1, 1, 1e-3, 0, 1, 1,
                100, 50, 1, Duration.ofSeconds(10), 1, 0, queueSize, queueWait));
    }

    @AfterEach
    void stop() {
        pool.destroy();
    }

    @Test
    void aCallerThatHasItsAnswerFindsTheWorkerFreeForItsNextRequest() throws Exception {
        for (int i = 0; i < 2_000; i++) {
            int n = i;
            assertThat(pool.submit(() -> n).get(10, TimeUnit.SECONDS)).isEqualTo(n); // never QueueFullException
        }
        assertThat(pool.idle()).isTrue();
    }

    @Test
    void aCancelledTaskHoldsItsWorkerUntilItHasReallyStopped() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        Future<Object> task = pool.submit(() -> {
            started.countDown();
            while (true) { // like a generation step that does not look at the interrupt flag
                try {
                    if (finish.await(10, TimeUnit.SECONDS)) {
                        return null;
                    }
                } catch (InterruptedException e) {
                    // goes on until told to finish
                }
            }
        });
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        task.cancel(true);
        assertThat(task.isCancelled()).isTrue();
        assertThat(pool.idle()).as("still running after cancel").isFalse();
        assertThatThrownBy(() -> pool.submit(() -> 1)).isInstanceOf(InferencePool.QueueFullException.class);

        finish.countDown();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(pool::idle);
        assertThat(pool.submit(() -> 2).get(10, TimeUnit.SECONDS)).isEqualTo(2);
    }

    @Test
    void aFailingTaskGivesItsWorkerBack() throws Exception {
        Future<Object> failed = pool.submit(() -> {
            throw new IllegalStateException("boom");
        });
        assertThatThrownBy(() -> failed.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(IllegalStateException.class);
        assertThat(pool.submit(() -> 3).get(10, TimeUnit.SECONDS)).isEqualTo(3);
    }

    @Test
    void aLearnerWhoFloodsTheQueueWaitsBehindTheirOwnRequestsNotBeforeEveryoneElse() throws Exception {
        pool.destroy();
        pool = pool(10, Duration.ofSeconds(30));
        CountDownLatch release = new CountDownLatch(1);
        List<String> order = new CopyOnWriteArrayList<>();
        Future<?> holder = pool.submit("holder", InferenceQueue.Lane.STREAM, () -> release.await(30, TimeUnit.SECONDS), a -> { }, () -> { });
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> pool.available() == 0);
        for (int i = 1; i <= 4; i++) {
            String name = "flood-" + i;
            pool.submit("flooder", InferenceQueue.Lane.STREAM, () -> order.add(name), a -> { }, () -> { });
        }
        Future<Boolean> other = pool.submit("other", InferenceQueue.Lane.STREAM, () -> order.add("other"), a -> { }, () -> { });
        release.countDown();
        holder.get(10, TimeUnit.SECONDS);
        other.get(10, TimeUnit.SECONDS);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(pool::idle);
        assertThat(order).containsExactly("flood-1", "other", "flood-2", "flood-3", "flood-4");
    }

    @Test
    void aWaitingJobHearsItsPlaceAsTheLineMoves() throws Exception {
        pool.destroy();
        pool = pool(10, Duration.ofSeconds(30));
        CountDownLatch release = new CountDownLatch(1);
        pool.submit("a", InferenceQueue.Lane.STREAM, () -> release.await(30, TimeUnit.SECONDS), x -> { }, () -> { });
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> pool.available() == 0);
        CountDownLatch hold = new CountDownLatch(1);
        pool.submit("b", InferenceQueue.Lane.STREAM, () -> hold.await(30, TimeUnit.SECONDS), x -> { }, () -> { });
        List<Integer> heard = new CopyOnWriteArrayList<>();
        InferencePool.Ticket<Integer> last = pool.submit("c", InferenceQueue.Lane.STREAM, () -> 7, heard::add, () -> { });
        assertThat(pool.position(last)).isEqualTo(1); // b first
        release.countDown(); // a ends, b starts: nobody ahead of c
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> heard.contains(0));
        hold.countDown();
        assertThat(last.get(10, TimeUnit.SECONDS)).isEqualTo(7);
        assertThat(heard).containsExactly(0);
    }

    @Test
    void aFullQueueRefusesWithAnEstimateAndAJobThatWaitsTooLongLeavesUnrun() throws Exception {
        pool.destroy();
        pool = pool(1, Duration.ofMillis(300));
        CountDownLatch release = new CountDownLatch(1);
        pool.submit("a", InferenceQueue.Lane.STEP, () -> release.await(30, TimeUnit.SECONDS), x -> { }, () -> { });
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> pool.available() == 0);
        CountDownLatch expired = new CountDownLatch(1);
        InferencePool.Ticket<Integer> waiting = pool.submit("b", InferenceQueue.Lane.STEP, () -> 1, x -> { }, expired::countDown);
        assertThatThrownBy(() -> pool.submit("c", InferenceQueue.Lane.STEP, () -> 2, x -> { }, () -> { }))
                .isInstanceOfSatisfying(InferencePool.QueueFullException.class, e -> assertThat(e.retryAfterSeconds()).isBetween(1L, 60L));
        assertThat(expired.await(10, TimeUnit.SECONDS)).as("taken out of the line after its wait").isTrue();
        assertThat(waiting.expired()).isTrue();
        assertThatThrownBy(() -> waiting.get(1, TimeUnit.SECONDS)).isInstanceOf(CancellationException.class);
        assertThat(pool.waiting()).isZero();
        assertThatThrownBy(() -> pool.call("d", () -> 3, 1_000)).isInstanceOf(InferencePool.QueueFullException.class);
        release.countDown();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(pool::idle);
        assertThat(pool.call("d", () -> 4, 1_000)).isEqualTo(4);
    }

    @Test
    void aLearnersStepsDoNotWaitForTheirOwnStream() throws Exception {
        pool.destroy();
        pool = new InferencePool(new PlaygroundProperties(false, "", new PlaygroundProperties.Preset(1, 1, 8, 8), 1, 1, 1e-3, 0, 1, 1,
                100, 50, 2, Duration.ofSeconds(10), 1, 0, 10, Duration.ofSeconds(30)));
        CountDownLatch release = new CountDownLatch(1);
        pool.submit("a", InferenceQueue.Lane.STREAM, () -> release.await(30, TimeUnit.SECONDS), x -> { }, () -> { });
        try {
            assertThat(pool.call("a", () -> 5, 5_000)).as("a next-token beside one's own generation").isEqualTo(5);
        } finally {
            release.countDown();
        }
    }
}

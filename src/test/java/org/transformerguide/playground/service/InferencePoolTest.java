package org.transformerguide.playground.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** When a worker counts as free: the two races behind earlier flaky tests, pinned down. */
class InferencePoolTest {

    private final InferencePool pool = new InferencePool(
            new PlaygroundProperties(false, "", new PlaygroundProperties.Preset(1, 1, 8, 8), 1, 1, 1e-3, 0, 1, 1, 100, 50, 1,
                    Duration.ofSeconds(10)));

    @AfterEach
    void stop() {
        pool.destroy();
    }

    @Test
    void aCallerThatHasItsAnswerFindsTheWorkerFreeForItsNextRequest() throws Exception {
        for (int i = 0; i < 2_000; i++) {
            int n = i;
            assertThat(pool.submit(() -> n).get(10, TimeUnit.SECONDS)).isEqualTo(n); // never PoolFullException
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
        assertThatThrownBy(() -> pool.submit(() -> 1)).isInstanceOf(InferencePool.PoolFullException.class);

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
}

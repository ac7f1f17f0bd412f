package org.transformerguide.playground.api;

import org.awaitility.Awaitility;

import java.time.Duration;
import org.transformerguide.playground.service.InferencePool;
import org.transformerguide.playground.service.TrainingService;

/**
 * Tests that share an application context share its inference workers and training thread. A test
 * starts only once the work another test left behind (a stream still finishing, a cancelled job still
 * stopping) has really ended, so that it never sees a 429 or a queued job that is not its own.
 */
public final class PlaygroundIdle {

    /** Long enough for a cancelled job on a busy machine; a test that waits this long fails, it does not hang. */
    private static final Duration LIMIT = Duration.ofSeconds(60);

    private PlaygroundIdle() {
    }

    public static void untilIdle(InferencePool pool) {
        Awaitility.await().atMost(LIMIT).pollInterval(Duration.ofMillis(20)).until(pool::idle);
    }

    public static void untilIdle(InferencePool pool, TrainingService training) {
        untilIdle(pool);
        Awaitility.await().atMost(LIMIT).pollInterval(Duration.ofMillis(20)).until(training::idle);
    }
}

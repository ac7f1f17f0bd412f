package org.transformerguide.playground.service;

import org.transformerguide.playground.inference.ThreadPriority;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inference worker threads: one per request in flight (by default as many as a model batches), each at
 * the lowest priority ({@link ThreadPriority}). The model's arithmetic runs on the model's own loop
 * ({@code ContinuousBatching}); a worker waits for it and writes its client's events.
 */
final class WorkerThreads {

    private static final Logger log = LoggerFactory.getLogger(WorkerThreads.class);

    /** One turn of a worker's loop: take a job and run it (or return after a bounded wait). */
    @FunctionalInterface
    interface Turn {
        void run() throws InterruptedException;
    }

    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean stopped;

    WorkerThreads(int count, int nice, Turn turn) {
        for (int i = 1; i <= count; i++) {
            Thread thread = new Thread(() -> loop(nice, turn), "playground-inference-" + i);
            thread.setDaemon(true);
            thread.setPriority(Thread.MIN_PRIORITY);
            threads.add(thread);
            thread.start();
        }
    }

    /**
     * The configured number of workers, or (0, the default) one per stream a model batches together: a
     * worker mostly waits while the model's loop computes (and writes its client's events), so they cost
     * threads, not cores; the computing is one loop thread per served model.
     */
    static int count(PlaygroundProperties properties) {
        if (properties.workers() > 0) {
            return properties.workers();
        }
        return Math.max(1, properties.batchStreams());
    }

    private void loop(int nice, Turn turn) {
        ThreadPriority.lowerCurrentThread(nice);
        while (!stopped) {
            try {
                turn.run();
            } catch (InterruptedException e) {
                // stop() interrupts; a cancel's stray interrupt is cleared by the turn itself
            } catch (RuntimeException | Error e) {
                log.error("Playground worker failed; it carries on", e);
            }
        }
    }

    void stop() {
        stopped = true;
        threads.forEach(Thread::interrupt);
    }
}

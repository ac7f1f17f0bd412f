package org.transformerguide.playground.service;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * A fixed number of inference workers protecting the two cores: a request that finds them all busy is
 * refused at once ({@link PoolFullException}, a 429) rather than queued behind minutes of generation.
 * A worker is freed when its task ends or is cancelled (client gone, time limit).
 */
@Component
public class InferencePool implements DisposableBean {

    private final Semaphore permits;
    private final ExecutorService executor;

    public InferencePool(PlaygroundProperties properties) {
        int workers = Math.max(1, properties.workers());
        permits = new Semaphore(workers);
        AtomicInteger count = new AtomicInteger();
        executor = Executors.newFixedThreadPool(workers, r -> {
            Thread thread = new Thread(r, "playground-inference-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Runs {@code task} on a free worker, or throws {@link PoolFullException} if there is none. */
    public <T> Future<T> submit(Callable<T> task) {
        if (!permits.tryAcquire()) {
            throw new PoolFullException();
        }
        FutureTask<T> future = new FutureTask<>(task) {
            @Override
            protected void done() {
                permits.release(); // once: on completion, failure or cancellation (even before it ran)
            }
        };
        executor.execute(future);
        return future;
    }

    public int available() {
        return permits.availablePermits();
    }

    @Override
    public void destroy() {
        executor.shutdownNow();
    }

    /** Every worker is busy. */
    public static final class PoolFullException extends RuntimeException {
        PoolFullException() {
            super("Every playground worker is busy; try again in a moment");
        }
    }
}

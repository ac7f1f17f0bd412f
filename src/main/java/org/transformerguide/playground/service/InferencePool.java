package org.transformerguide.playground.service;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * A fixed number of inference workers protecting the two cores: a request that finds them all busy is
 * refused at once ({@link PoolFullException}, a 429) rather than queued behind minutes of generation.
 *
 * <p>A worker's permit is returned when its task has actually stopped running, not when its future is
 * cancelled: a cancelled generation goes on until it next checks for interruption, and a permit returned
 * before that would let one more task onto a core that is still busy (and tell a caller waiting for
 * {@link #idle()} that the pool is idle while it is not). It is returned before the task's result is
 * published, so a client that sends its next request as soon as it has an answer finds the worker free.
 */
@Component
public class InferencePool implements DisposableBean {

    private final int workers;
    private final Semaphore permits;
    private final ExecutorService executor;

    public InferencePool(PlaygroundProperties properties) {
        workers = Math.max(1, properties.workers());
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
        AtomicBoolean released = new AtomicBoolean();
        Runnable release = () -> {
            if (released.compareAndSet(false, true)) {
                permits.release();
            }
        };
        FutureTask<T> future = new FutureTask<>(() -> {
            try {
                return task.call();
            } finally {
                release.run(); // before the result is visible: a caller's next request finds the worker free
            }
        }) {
            @Override
            public void run() {
                try {
                    super.run();
                } finally {
                    release.run(); // cancelled before it started: the task never ran
                }
            }
        };
        try {
            executor.execute(future);
        } catch (RuntimeException e) { // shut down: the task will never run
            release.run();
            throw e;
        }
        return future;
    }

    public int available() {
        return permits.availablePermits();
    }

    /** True when no task is running on any worker. */
    public boolean idle() {
        return permits.availablePermits() == workers;
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

package org.transformerguide.playground.service;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The inference workers and their waiting line ({@link InferenceQueue}): a request that finds every
 * worker busy waits its turn, fairly between learners, for at most {@code queue-wait}; only when the line
 * is full (or that wait runs out) is it refused ({@link QueueFullException}, a 429 with Retry-After).
 *
 * <p>Pages first: there are fewer workers than cores by default ({@link WorkerThreads}), at low priority.
 *
 * <p>A job's place is given back when its task has actually stopped running, not when its future is
 * cancelled: a cancelled generation goes on until it next checks for interruption, and a place given
 * back before that would let one more task onto a core that is still busy (and tell a caller waiting for
 * {@link #idle()} that the pool is idle while it is not). It is given back before the task's result is
 * published, so a client that sends its next request as soon as it has an answer finds the worker free.
 */
@Component
public class InferencePool implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(InferencePool.class);

    private final int workers;
    private final long waitNanos;
    private final InferenceQueue queue;
    /** Delivers queue positions and ends waits that ran out: one thread, off the workers and request threads. */
    private final ScheduledThreadPoolExecutor clock;
    private final WorkerThreads threads;
    private final AtomicLong anonymous = new AtomicLong();
    /** A moving average of how long a job runs, for Retry-After. */
    private volatile double meanRunSeconds = 1.0;

    public InferencePool(PlaygroundProperties properties) {
        workers = WorkerThreads.count(properties);
        waitNanos = properties.queueWait().toNanos();
        clock = new ScheduledThreadPoolExecutor(1, r -> {
            Thread thread = new Thread(r, "playground-queue-clock");
            thread.setDaemon(true);
            return thread;
        });
        clock.setRemoveOnCancelPolicy(true);
        queue = new InferenceQueue(properties.queueSize(), clock::execute);
        threads = new WorkerThreads(workers, properties.workerNice(), this::work);
        log.info("Playground: {} inference worker(s) of {} cores, queue of {} waiting at most {}", workers,
                Runtime.getRuntime().availableProcessors(), properties.queueSize(), properties.queueWait());
    }

    /**
     * Puts {@code task} in {@code learner}'s line. {@code onPosition} hears how many jobs are ahead of it
     * whenever that changes (and not at all if it starts at once); {@code onExpired} runs if it waited
     * past the time limit and was taken out of the line without running.
     *
     * @throws QueueFullException when the line is full
     */
    public <T> Ticket<T> submit(String learner, InferenceQueue.Lane lane, Callable<T> task, IntConsumer onPosition,
                                Runnable onExpired) {
        Ticket<T> ticket = new Ticket<>(learner, lane, task, onPosition, onExpired);
        int ahead = queue.offer(ticket, workers);
        if (ahead < 0) {
            throw new QueueFullException(retryAfterSeconds(queue.waiting()));
        }
        ticket.expiry = clock.schedule(() -> expire(ticket), waitNanos, TimeUnit.NANOSECONDS);
        return ticket;
    }

    /** A job of its own learner (each call a new one): for work that no learner asked for. */
    public <T> Ticket<T> submit(Callable<T> task) {
        return submit("pool-" + anonymous.incrementAndGet(), InferenceQueue.Lane.STEP, task, ahead -> { }, () -> { });
    }

    /**
     * Runs {@code task} in {@code learner}'s line and waits for its answer: at most the queue wait, then
     * at most {@code runLimitMillis} of running.
     *
     * @throws QueueFullException   if it could not get in line or waited too long
     * @throws TimeoutException     if it ran past its limit (it is cancelled)
     */
    public <T> T call(String learner, Callable<T> task, long runLimitMillis)
            throws ExecutionException, InterruptedException, TimeoutException {
        Ticket<T> ticket = submit(learner, InferenceQueue.Lane.STEP, task, ahead -> { }, () -> { });
        try {
            return ticket.get(waitNanos + TimeUnit.MILLISECONDS.toNanos(runLimitMillis), TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.CancellationException e) {
            if (ticket.expired) {
                throw new QueueFullException(retryAfterSeconds(queue.waiting()));
            }
            throw e;
        } catch (TimeoutException | InterruptedException e) {
            ticket.cancel(true);
            throw e;
        }
    }

    private void work() throws InterruptedException {
        InferenceQueue.Entry entry = queue.take(1, TimeUnit.SECONDS);
        if (entry == null) {
            return;
        }
        Ticket<?> ticket = (Ticket<?>) entry;
        if (ticket.expiry != null) {
            ticket.expiry.cancel(false);
        }
        long start = System.nanoTime();
        try {
            ticket.future.run();
        } finally {
            queue.finished(ticket); // cancelled before it ran: the task never did; otherwise already given back
            meanRunSeconds = 0.9 * meanRunSeconds + 0.1 * ((System.nanoTime() - start) / 1e9);
            Thread.interrupted(); // a cancel's interrupt belongs to the job that ended, not to the next one
        }
    }

    private void expire(Ticket<?> ticket) {
        if (queue.remove(ticket)) {
            ticket.expired = true;
            ticket.future.cancel(false);
            ticket.onExpired.run();
        }
    }

    /** Seconds until a place is likely to be free, for Retry-After: 1 to 60. */
    public long retryAfterSeconds(int waiting) {
        double seconds = (waiting + 1) * meanRunSeconds / workers;
        return Math.max(1, Math.min(60, (long) Math.ceil(seconds)));
    }

    public int workers() {
        return workers;
    }

    /** Workers with nothing to do. */
    public int available() {
        return Math.max(0, workers - queue.running());
    }

    /** Jobs waiting for a worker. */
    public int waiting() {
        return queue.waiting();
    }

    /** How many jobs will start before {@code ticket}; -1 once it has started or when a worker is free for it. */
    public int position(Ticket<?> ticket) {
        return queue.position(ticket, workers);
    }

    /** True when no task is running and none waits. */
    public boolean idle() {
        return queue.running() == 0 && queue.waiting() == 0;
    }

    @Override
    public void destroy() {
        threads.stop();
        clock.shutdownNow();
    }

    /** A job in line or running: a Future whose cancel also takes it out of the line. */
    public final class Ticket<T> extends InferenceQueue.Entry implements Future<T> {

        private final FutureTask<T> future;
        private final IntConsumer onPosition;
        private final Runnable onExpired;
        private volatile boolean expired;
        private volatile java.util.concurrent.ScheduledFuture<?> expiry;

        private Ticket(String learner, InferenceQueue.Lane lane, Callable<T> task, IntConsumer onPosition, Runnable onExpired) {
            super(learner, lane);
            this.onPosition = onPosition;
            this.onExpired = onExpired;
            this.future = new FutureTask<>(() -> {
                try {
                    return task.call();
                } finally {
                    queue.finished(this); // before the result is visible: a caller's next request finds the worker free
                }
            });
        }

        @Override
        protected void positionChanged(int ahead) {
            onPosition.accept(ahead);
        }

        /** True if it waited past the queue's time limit and never ran. */
        public boolean expired() {
            return expired;
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            boolean cancelled = future.cancel(mayInterruptIfRunning);
            if (queue.remove(this) && expiry != null) {
                expiry.cancel(false); // it never ran
            }
            return cancelled;
        }

        @Override
        public boolean isCancelled() {
            return future.isCancelled();
        }

        @Override
        public boolean isDone() {
            return future.isDone();
        }

        @Override
        public T get() throws InterruptedException, ExecutionException {
            return future.get();
        }

        @Override
        public T get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
            return future.get(timeout, unit);
        }
    }

    /** The line is full, or a job waited in it too long. */
    public static final class QueueFullException extends RuntimeException {
        private final long retryAfterSeconds;

        QueueFullException(long retryAfterSeconds) {
            super("The playground is busy: too many requests are waiting; try again in " + retryAfterSeconds + " s");
            this.retryAfterSeconds = retryAfterSeconds;
        }

        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }
}

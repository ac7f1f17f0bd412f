package org.transformerguide.playground.service;

import java.time.Duration;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Service;
import org.transformerguide.playground.checkpoint.CheckpointFile;

/**
 * Trains models one job at a time on a single background thread: two jobs at once would only halve each
 * other's speed on two cores and double the memory, so later jobs wait in the queue (state QUEUED).
 * Progress goes to subscribers as {@link TrainingStatus} events; the latest one per model is kept for
 * polling. A finished job's best checkpoint is reloaded from disk and registered, so what is served is
 * exactly what a restart would load. The loop itself is {@link TrainingLoop}.
 */
@Service
public class TrainingService implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(TrainingService.class);

    private final ServedModelRegistry registry;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "playground-training");
        thread.setDaemon(true); // never keeps the JVM alive on shutdown
        return thread;
    });
    private final AtomicLong jobIds = new AtomicLong();
    private final List<Consumer<TrainingStatus>> subscribers = new CopyOnWriteArrayList<>();
    private final Map<String, TrainingStatus> latestByModel = new ConcurrentHashMap<>();
    private final AtomicReference<TrainingStatus> latest = new AtomicReference<>();
    private final Map<Long, Job> jobs = new ConcurrentHashMap<>();
    private final Map<String, List<LossPoint>> histories = new ConcurrentHashMap<>();

    public TrainingService(ServedModelRegistry registry) {
        this.registry = registry;
    }

    /** A submitted job: its id and a way to stop it (the best checkpoint so far stays on disk). */
    public final class Job {
        private final long id;
        private final TrainingRequest request;
        private final TrainingStatus queued;
        private final CountDownLatch ended = new CountDownLatch(1);
        private volatile boolean cancelled;
        private boolean started;     // guarded by this
        private boolean announced;   // its final event is out; guarded by this

        private Job(long id, TrainingRequest request) {
            this.id = id;
            this.request = request;
            this.queued = new TrainingStatus(id, request.model(), TrainingState.QUEUED, 0, request.iterations(),
                    Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, -1, "Waiting for the training thread");
        }

        public long id() {
            return id;
        }

        /**
         * Stops the job: a running one at its next step (the best checkpoint so far stays on disk), a queued
         * one at once, so that it reports CANCELLED now rather than when the jobs ahead of it end.
         */
        public void cancel() {
            boolean announceNow;
            synchronized (this) {
                cancelled = true;
                announceNow = !started && !announced;
                announced |= announceNow;
            }
            if (announceNow) {
                jobs.remove(id);
                publish(queued.with(TrainingState.CANCELLED, "Cancelled before it started"));
                ended.countDown();
            }
        }

        /** Marks the job running unless it was cancelled first. */
        private synchronized boolean start() {
            if (cancelled) {
                return false;
            }
            started = true;
            return true;
        }
    }

    /** Queues {@code request}; returns at once. Jobs run one at a time, in the order submitted. */
    public Job submit(TrainingRequest request) {
        Job job = new Job(jobIds.incrementAndGet(), request);
        jobs.put(job.id, job);
        publish(job.queued);
        worker.execute(() -> run(job));
        return job;
    }

    /** Cancels every queued or running job for {@code model}. */
    public void cancel(String model) {
        jobs.values().stream().filter(j -> j.request.model().equals(model)).forEach(Job::cancel);
    }

    /**
     * Cancels {@code model}'s jobs and waits (at most {@code timeout}) until a running one has stopped, so
     * that it no longer writes its checkpoint or registers the model. Returns false on timeout.
     */
    public boolean cancelAndWait(String model, Duration timeout) throws InterruptedException {
        List<Job> mine = jobs.values().stream().filter(j -> j.request.model().equals(model)).toList();
        mine.forEach(Job::cancel);
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Job job : mine) {
            if (!job.ended.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                return false;
            }
        }
        return true;
    }

    /** What the queued or running job for {@code model} trains, if there is one. */
    public Optional<TrainingRequest> activeRequest(String model) {
        return jobs.values().stream().filter(j -> j.request.model().equals(model) && !j.cancelled)
                .max(java.util.Comparator.comparingLong(j -> j.id)).map(j -> j.request);
    }

    /** Drops what is remembered about {@code model}'s jobs (after the model was deleted). */
    public void forget(String model) {
        latestByModel.remove(model);
    }

    /** The latest event of every job that is queued or running, in submission order. */
    public List<TrainingStatus> active() {
        return latestByModel.values().stream().filter(s -> !s.state().finished())
                .sorted(java.util.Comparator.comparingLong(TrainingStatus::jobId)).toList();
    }

    public Optional<TrainingStatus> latest() {
        return Optional.ofNullable(latest.get());
    }

    public Optional<TrainingStatus> latest(String model) {
        return Optional.ofNullable(latestByModel.get(model));
    }

    /** True when no job is queued or running (a finished job has also published its last event). */
    public boolean idle() {
        return jobs.isEmpty();
    }

    /** True while a job for {@code model} is queued or running. */
    public boolean isTraining(String model) {
        return latest(model).map(s -> !s.state().finished()).orElse(false);
    }

    /** Receives every event from now on; call the returned handle to stop. */
    public Runnable subscribe(Consumer<TrainingStatus> subscriber) {
        subscribers.add(subscriber);
        return () -> subscribers.remove(subscriber);
    }

    private void publish(TrainingStatus status) {
        latestByModel.put(status.model(), status);
        latest.set(status);
        for (Consumer<TrainingStatus> subscriber : subscribers) {
            try {
                subscriber.accept(status);
            } catch (RuntimeException e) {
                log.debug("A training subscriber failed; dropping it", e);
                subscribers.remove(subscriber);
            }
        }
    }

    private void run(Job job) {
        TrainingRequest r = job.request;
        TrainingStatus status;
        try {
            if (!job.start()) {
                return; // cancelled while queued: it said so then
            }
            status = new TrainingLoop(job.id, r, job.queued, this::publish, () -> job.cancelled,
                    history -> histories.put(r.model(), history)).run();
            if (status.state() == TrainingState.DONE) {
                TrainingRecordFile.save(TrainingRecordFile.fileFor(r.checkpoint()), status, history(r.model()));
                registry.register(r.model(), CheckpointFile.load(r.checkpoint()));
                log.info("Model '{}' trained: {} iterations, best val loss {}, saved to {}", r.model(), status.iteration(),
                        String.format("%.3f", status.bestValLoss()), r.checkpoint());
            }
            publish(status);
        } catch (Exception | OutOfMemoryError e) {
            log.error("Training model '{}' failed", r.model(), e);
            TrainingStatus last = latestByModel.get(r.model());
            publish(last.with(TrainingState.FAILED, "Training failed: " + publicReason(e)));
        } finally {
            jobs.remove(job.id);
            job.ended.countDown();
        }
    }

    /**
     * Shows the job that trained the model in {@code checkpoint} (its record, if saved) as {@code model}'s
     * latest, so the monitor has a curve after a restart. Nothing changes if a job has reported since.
     */
    public void recall(Path checkpoint) {
        TrainingRecordFile.read(TrainingRecordFile.fileFor(checkpoint), 0).ifPresent(record -> {
            if (latestByModel.putIfAbsent(record.status().model(), record.status()) == null) {
                histories.putIfAbsent(record.status().model(), Collections.synchronizedList(new ArrayList<>(record.history())));
                latest.compareAndSet(null, record.status());
            }
        });
    }

    /** The loss curve of {@code model}'s latest job (empty if none ran since the server started). */
    public List<LossPoint> history(String model) {
        List<LossPoint> points = histories.get(model);
        if (points == null) {
            return List.of();
        }
        synchronized (points) {
            return List.copyOf(points);
        }
    }

    @Override
    public void destroy() {
        jobs.values().forEach(Job::cancel);
        worker.shutdownNow();
    }

    /**
     * What the public training status says: the engine's own refusals (a corpus too short, bad settings)
     * are meant for the reader; anything else (a file error naming a path, an exception's class) stays in
     * the log line written with the failure.
     */
    static String publicReason(Throwable e) {
        if (e instanceof IllegalArgumentException && e.getMessage() != null) {
            return e.getMessage();
        }
        return e instanceof OutOfMemoryError ? "the server ran out of memory." : "see the server's log.";
    }
}

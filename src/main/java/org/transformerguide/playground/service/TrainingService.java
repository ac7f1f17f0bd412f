package org.transformerguide.playground.service;

import java.time.Duration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
import org.transformerguide.playground.checkpoint.TrainingMetadata;
import org.transformerguide.playground.kernels.Kernels;
import org.transformerguide.playground.model.Gpt;
import org.transformerguide.playground.model.GptConfig;
import org.transformerguide.playground.tokenizer.Tokenizer;
import org.transformerguide.playground.train.AdamW;
import org.transformerguide.playground.train.GradientClipping;
import org.transformerguide.playground.train.HeldOutLoss;
import org.transformerguide.playground.train.TokenBatches;

/**
 * Trains models one job at a time on a single background thread: two jobs at once would only halve each
 * other's speed on two cores and double the memory, so later jobs wait in the queue (state QUEUED).
 * Progress goes to subscribers as {@link TrainingStatus} events; the latest one per model is kept for
 * polling. A finished job's best checkpoint is reloaded from disk and registered, so what is served is
 * exactly what a restart would load.
 */
@Service
public class TrainingService implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(TrainingService.class);
    /** Events between evaluations at most this often, so an SSE client sees the loss move without a flood. */
    private static final long PUBLISH_EVERY_NANOS = 500_000_000L;
    private static final double CLIP_NORM = 1.0;

    private final ModelRegistry registry;
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

    public TrainingService(ModelRegistry registry) {
        this.registry = registry;
    }

    /** A submitted job: its id and a way to stop it (the best checkpoint so far stays on disk). */
    public final class Job {
        private final long id;
        private final TrainingRequest request;
        private final TrainingStatus queued;
        private final CountDownLatch ended = new CountDownLatch(1);
        private volatile boolean cancelled;
        private int firstIteration = 1; // > 1 when the job resumed (only the training thread writes it)
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
            status = train(job);
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
     * The loop: nanoGPT's train.py without its distributed parts. The best weights so far go to the
     * checkpoint's ".partial" file and replace the checkpoint itself only when the job is done, so an
     * interrupted job never leaves a half-trained model under the final name; at every evaluation the
     * latest state is saved as a {@link ResumePoint}, from which the same request continues after a
     * restart or cancel. Returns the final status (not yet published).
     */
    private TrainingStatus train(Job job) throws Exception {
        TrainingRequest r = job.request;
        if (r.tokenizer().kind() == TokenizerSpec.Kind.BPE) {
            publish(job.queued.with(TrainingState.RUNNING, "Learning the BPE merges"));
        }
        TrainingData data = TrainingData.of(r);
        Tokenizer tokenizer = data.tokenizer();
        GptConfig config = r.preset().withVocabulary(tokenizer.vocabSize(), r.dropout());
        int time = config.blockSize();
        log.info("Training model '{}' on '{}': {} characters, vocabulary {}, {} parameters, {} iterations of batch {}, "
                        + "{} training and {} held-out tokens", r.model(), r.corpusName(), r.corpus().length(), config.vocabSize(),
                config.parameterCount(), r.iterations(), r.batchSize(), data.train().length, data.heldOut().length);
        Kernels.useThreads(true);                                   // training shares its large products between cores
        Gpt model = new Gpt(config, r.seed());
        AdamW optimizer = AdamW.nanoGptDefaults(model.parameterSet());
        Path partial = ResumePoint.partialFile(r.checkpoint());
        Path resumeFile = ResumePoint.fileFor(r.checkpoint());
        String fingerprint = ResumePoint.fingerprint(r);
        List<LossPoint> history = Collections.synchronizedList(new ArrayList<>());
        histories.put(r.model(), history);

        double best = Double.POSITIVE_INFINITY;
        double bestBits = Double.NaN;
        int first = 1;
        ResumePoint resumed = ResumePoint.read(resumeFile, fingerprint, config.parameterCount()).orElse(null);
        if (resumed != null && Files.exists(partial)) {
            System.arraycopy(resumed.weights(), 0, model.parameterSet().values(), 0, resumed.weights().length);
            optimizer.restore(resumed.moments());
            first = resumed.iteration() + 1;
            best = resumed.best();
            bestBits = resumed.bestBits();
            history.addAll(resumed.history());
            log.info("Resuming model '{}' at iteration {} (AdamW step {})", r.model(), first, resumed.moments().step());
        }
        // A resumed job draws other batches than an uninterrupted one would: the seed moves with the iteration.
        TokenBatches train = new TokenBatches(data.train(), r.seed() + first - 1);
        job.firstIteration = first;

        long start = System.nanoTime();
        if (resumed != null) {
            publish(statusOf(job, TrainingState.RUNNING, resumed.iteration(), Double.NaN, Double.NaN, best, Double.NaN, bestBits, start,
                    "Resumed from iteration " + resumed.iteration()));
        }
        long lastPublish = start;
        double lossSum = 0;
        int lossCount = 0;
        double trainLoss = Double.NaN;
        double valLoss = Double.NaN;
        double valBits = Double.NaN;
        try {
            for (int it = first; it <= r.iterations(); it++) {
                if (job.cancelled || Thread.currentThread().isInterrupted()) {
                    return statusOf(job, TrainingState.CANCELLED, it - 1, trainLoss, valLoss, best, valBits, bestBits, start,
                            Double.isFinite(best) ? "Cancelled; it resumes from its last evaluation when started again" : "Cancelled");
                }
                TokenBatches.Batch batch = train.next(r.batchSize(), time);
                model.train(true);                                               // dropout on for the step
                model.forward(batch.inputs());
                lossSum += model.backward(batch.targets());
                lossCount++;
                GradientClipping.clipGlobalNorm(model.parameterSet(), CLIP_NORM);
                optimizer.step(learningRate(r, it));

                boolean evaluate = it % r.evalInterval() == 0 || it == r.iterations();
                long now = System.nanoTime();
                if (evaluate || now - lastPublish > PUBLISH_EVERY_NANOS) {
                    trainLoss = lossSum / lossCount;
                    lossSum = 0;
                    lossCount = 0;
                    String message = "Training";
                    if (evaluate) {
                        HeldOutLoss.Result held = HeldOutLoss.measure(model, data.heldOut(), data.heldOutCharacters(), time,
                                r.batchSize(), r.evalBatches() * r.batchSize());
                        valLoss = held.lossPerToken();
                        valBits = held.bitsPerCharacter();
                        if (valLoss < best) {
                            best = valLoss;
                            bestBits = valBits;
                            CheckpointFile.save(partial, model, tokenizer, new TrainingMetadata(it, best, r.corpusName()));
                            message = "Saved the best checkpoint so far";
                        }
                    }
                    history.add(new LossPoint(it, trainLoss, evaluate ? valLoss : Double.NaN, evaluate ? valBits : Double.NaN));
                    if (evaluate && it < r.iterations()) {
                        new ResumePoint(fingerprint, it, best, bestBits, model.parameterSet().values().clone(),
                                optimizer.moments(), List.copyOf(history)).save(resumeFile);
                    }
                    TrainingStatus status = statusOf(job, TrainingState.RUNNING, it, trainLoss, valLoss, best, valBits, bestBits, start, message);
                    publish(status);
                    lastPublish = now;
                }
            }
            model.train(false);
            if (Files.exists(partial)) {
                Files.move(partial, r.checkpoint(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.deleteIfExists(resumeFile);
            return statusOf(job, TrainingState.DONE, r.iterations(), trainLoss, valLoss, best, valBits, bestBits, start,
                    "Saved to " + r.checkpoint());
        } finally {
            model.releaseBuffers();
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

    /** Linear warm-up to the peak, then cosine decay to a tenth of it at the last step (nanoGPT's get_lr). */
    static double learningRate(TrainingRequest r, int it) {
        double peak = r.learningRate();
        double min = peak / 10;
        if (it <= r.warmupIterations()) {
            return peak * it / (r.warmupIterations() + 1);
        }
        double progress = (double) (it - r.warmupIterations()) / Math.max(1, r.iterations() - r.warmupIterations());
        return min + 0.5 * (1 + Math.cos(Math.PI * Math.min(1, progress))) * (peak - min);
    }

    private static TrainingStatus statusOf(Job job, TrainingState state, int it, double trainLoss, double valLoss, double best,
                                           double valBits, double bestBits, long start, String message) {
        TrainingRequest r = job.request;
        double seconds = (System.nanoTime() - start) / 1e9;
        int done = it - job.firstIteration + 1;                                  // steps this run (a resumed job started later)
        double tokensPerSecond = seconds > 0 && done > 0 ? (double) done * r.batchSize() * r.preset().blockSize() / seconds : 0;
        long eta = done > 0 && !state.finished() ? Math.round(seconds / done * (r.iterations() - it)) : state.finished() ? 0 : -1;
        return new TrainingStatus(job.id, r.model(), state, it, r.iterations(), trainLoss, valLoss,
                Double.isFinite(best) ? best : Double.NaN, valBits, bestBits, tokensPerSecond, eta, message);
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

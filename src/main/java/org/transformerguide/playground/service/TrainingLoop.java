package org.transformerguide.playground.service;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
 * One training job's loop, run on {@link TrainingService}'s training thread: the service keeps the queue,
 * the statuses and the served models; this class trains. It reports through {@code publish}, checks
 * {@code cancelled} before every step and hands its loss curve to {@code historySink} when it starts.
 */
final class TrainingLoop {

    private static final Logger log = LoggerFactory.getLogger(TrainingLoop.class);
    /** Events between evaluations at most this often, so an SSE client sees the loss move without a flood. */
    private static final long PUBLISH_EVERY_NANOS = 500_000_000L;
    private static final double CLIP_NORM = 1.0;

    private final long jobId;
    private final TrainingRequest r;
    private final TrainingStatus queued;
    private final Consumer<TrainingStatus> publish;
    private final BooleanSupplier cancelled;
    private final Consumer<List<LossPoint>> historySink;
    private int firstIteration = 1; // > 1 when the job resumed

    TrainingLoop(long jobId, TrainingRequest request, TrainingStatus queued, Consumer<TrainingStatus> publish,
                 BooleanSupplier cancelled, Consumer<List<LossPoint>> historySink) {
        this.jobId = jobId;
        this.r = request;
        this.queued = queued;
        this.publish = publish;
        this.cancelled = cancelled;
        this.historySink = historySink;
    }

    /**
     * The loop: nanoGPT's train.py without its distributed parts. The best weights so far go to the
     * checkpoint's ".partial" file and replace the checkpoint itself only when the job is done, so an
     * interrupted job never leaves a half-trained model under the final name; at every evaluation the
     * latest state is saved as a {@link ResumePoint}, from which the same request continues after a
     * restart or cancel. Returns the final status (not yet published).
     */
    TrainingStatus run() throws Exception {
        if (r.tokenizer().kind() == TokenizerSpec.Kind.BPE) {
            publish.accept(queued.with(TrainingState.RUNNING, "Learning the BPE merges"));
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
        historySink.accept(history);

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
        firstIteration = first;

        long start = System.nanoTime();
        if (resumed != null) {
            publish.accept(statusOf(TrainingState.RUNNING, resumed.iteration(), Double.NaN, Double.NaN, best, Double.NaN, bestBits, start,
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
                if (cancelled.getAsBoolean() || Thread.currentThread().isInterrupted()) {
                    return statusOf(TrainingState.CANCELLED, it - 1, trainLoss, valLoss, best, valBits, bestBits, start,
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
                    TrainingStatus status = statusOf(TrainingState.RUNNING, it, trainLoss, valLoss, best, valBits, bestBits, start, message);
                    publish.accept(status);
                    lastPublish = now;
                }
            }
            model.train(false);
            if (Files.exists(partial)) {
                Files.move(partial, r.checkpoint(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.deleteIfExists(resumeFile);
            return statusOf(TrainingState.DONE, r.iterations(), trainLoss, valLoss, best, valBits, bestBits, start,
                    "Saved to " + r.checkpoint());
        } finally {
            model.releaseBuffers();
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

    private TrainingStatus statusOf(TrainingState state, int it, double trainLoss, double valLoss, double best,
                                    double valBits, double bestBits, long start, String message) {
        double seconds = (System.nanoTime() - start) / 1e9;
        int done = it - firstIteration + 1;                                  // steps this run (a resumed job started later)
        double tokensPerSecond = seconds > 0 && done > 0 ? (double) done * r.batchSize() * r.preset().blockSize() / seconds : 0;
        long eta = done > 0 && !state.finished() ? Math.round(seconds / done * (r.iterations() - it)) : state.finished() ? 0 : -1;
        return new TrainingStatus(jobId, r.model(), state, it, r.iterations(), trainLoss, valLoss,
                Double.isFinite(best) ? best : Double.NaN, valBits, bestBits, tokensPerSecond, eta, message);
    }
}

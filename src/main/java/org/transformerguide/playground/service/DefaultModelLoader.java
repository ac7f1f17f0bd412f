package org.transformerguide.playground.service;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.transformerguide.content.GuideContent;
import org.transformerguide.playground.checkpoint.AtomicFile;
import org.transformerguide.playground.checkpoint.CheckpointException;
import org.transformerguide.playground.checkpoint.CheckpointFile;

/**
 * Puts the default model into service at start-up (loads, installs or trains it); not the model itself,
 * which {@link ServedModelRegistry} serves as {@value ServedModelRegistry#DEFAULT}.
 *
 * <p>The default model is the one every visitor gets, trained on the guide's own text. After the web
 * server is up (so the site never waits for it) a saved checkpoint is loaded: the data directory's own,
 * else a prebuilt one (Docker image), else the one shipped in the jar ({@value #BUNDLED}, trained with
 * {@code --train-default}; {@code guide.playground.bundled-model=false} skips it for an edition of the
 * guide with other content). Only when there is none is it trained in the background; a damaged or
 * incompatible one is reported and retrained, and a job cut short resumes. Nothing here can stop the start.
 */
@Component
public class DefaultModelLoader {

    private static final Logger log = LoggerFactory.getLogger(DefaultModelLoader.class);
    /** The checkpoint shipped in the jar, and its training record beside it. */
    static final String BUNDLED = "playground/default-model.tgckpt";

    private final PlaygroundProperties properties;
    private final ServedModelRegistry registry;
    private final TrainingService training;
    private final GuideContent content;
    private final Path modelDir;
    /** A checkpoint trained when the image was built ({@code --train-default}), or empty. */
    private final String prebuilt;

    public DefaultModelLoader(PlaygroundProperties properties, ServedModelRegistry registry, TrainingService training, GuideContent content,
                              String dataDir) {
        this(properties, registry, training, content, dataDir, "");
    }

    @Autowired
    public DefaultModelLoader(PlaygroundProperties properties, ServedModelRegistry registry, TrainingService training, GuideContent content,
                              @Value("${guide.data-dir:./data}") String dataDir,
                              @Value("${guide.playground.prebuilt-default-model:}") String prebuilt) {
        this.properties = properties;
        this.registry = registry;
        this.training = training;
        this.content = content;
        this.modelDir = properties.modelDir().isBlank() ? Path.of(dataDir, "models") : Path.of(properties.modelDir());
        this.prebuilt = prebuilt == null ? "" : prebuilt.strip();
    }

    public Path modelDir() {
        return modelDir;
    }

    public Path checkpoint() {
        return modelDir.resolve(ServedModelRegistry.DEFAULT + ".tgckpt");
    }

    @EventListener(ApplicationReadyEvent.class)
    public void onReady() {
        installPrebuilt(checkpoint());
        if (properties.bundledModel()) {
            installBundled(checkpoint());
        }
        prepare(checkpoint(), properties.trainOnStart());
    }

    /** Copies the checkpoint shipped in the jar (and its training record) to {@code target} if that does not exist. */
    void installBundled(Path target) {
        if (Files.exists(target) || ResumePoint.resumable(target)) {
            return; // the data directory's own model, or an interrupted retraining, wins
        }
        ClassLoader loader = DefaultModelLoader.class.getClassLoader();
        try (InputStream model = loader.getResourceAsStream(BUNDLED)) {
            if (model == null) {
                log.info("No default model is bundled with this build");
                return;
            }
            try (InputStream record = loader.getResourceAsStream(BUNDLED + ".training")) {
                if (record != null) { // beside the model before the model appears, so they are found together
                    AtomicFile.write(TrainingRecordFile.fileFor(target), record::transferTo);
                }
            }
            AtomicFile.write(target, model::transferTo);
            log.info("Installed the bundled default model as {}", target);
        } catch (IOException | RuntimeException e) {
            log.warn("Could not install the bundled default model as {}: {}", target, e.toString());
        }
    }

    /**
     * Copies the prebuilt checkpoint (baked into a Docker image outside its data volume, so a mounted
     * volume cannot hide it) into the model directory when that has no default model yet. From then on
     * the data directory's copy is the one served, and retraining replaces only that copy.
     */
    void installPrebuilt(Path target) {
        if (prebuilt.isEmpty() || Files.exists(target)) {
            return;
        }
        Path source = Path.of(prebuilt);
        if (!Files.isRegularFile(source)) {
            log.info("No prebuilt default model at {}", source);
            return;
        }
        try {
            AtomicFile.write(target, out -> Files.copy(source, out)); // never half a file under the real name
            log.info("Installed the prebuilt default model {} as {}", source, target);
        } catch (IOException | RuntimeException e) {
            log.warn("Could not copy the prebuilt default model {} to {}: {}", source, target, e.toString());
        }
    }

    /** Loads {@code file} as the default model, or reports why not and (if {@code train}) trains it. */
    public void prepare(Path file, boolean train) {
        String why; // shown to everyone: what a learner can act on, never a path or a class name (those go to the log)
        if (!Files.exists(file)) {
            why = "No default model yet" + (train ? "; it is being trained." : ".");
            log.info("No default model yet ({}){}", file, train ? "; training it in the background" : "");
        } else {
            try {
                registry.register(ServedModelRegistry.DEFAULT, CheckpointFile.load(file));
                training.recall(file);
                log.info("Loaded the default model from {}", file);
                if (train && ResumePoint.resumable(file)) {
                    log.info("A retraining of the default model was interrupted; resuming it in the background");
                    training.submit(request(file));
                }
                return;
            } catch (CheckpointException e) {
                why = "The saved default model is unusable (damaged or from another version)" + retraining(train);
                log.warn("The default model's checkpoint {} is unusable ({}): {}{}", file, e.getClass().getSimpleName(), e.getMessage(),
                        train ? "; retraining it" : "; set guide.playground.train-on-start=true to retrain");
            } catch (IOException | RuntimeException e) {
                why = "The saved default model could not be read" + retraining(train);
                log.warn("The default model's checkpoint {} could not be read{}", file, train ? "; retraining it" : "", e);
            }
        }
        registry.reportProblem(ServedModelRegistry.DEFAULT, why);
        if (train) {
            training.submit(request(file));
        }
    }

    private static String retraining(boolean train) {
        return train ? " and is being retrained." : "; an administrator can retrain it.";
    }

    /** A training job for the default model with the configured preset and schedule. */
    public TrainingRequest request(Path file) {
        GuideCorpus corpus = corpus();
        return new TrainingRequest(ServedModelRegistry.DEFAULT, "guide", corpus.training(), properties.preset(), properties.iterations(),
                properties.batchSize(), properties.learningRate(), properties.warmupIterations(), properties.evalInterval(),
                properties.evalBatches(), file, 1337, properties.tokenizerSpec(), corpus.heldOut(), properties.dropout());
    }

    /** The guide's plain text, every section of every document in reading order, every tenth section held out. */
    public GuideCorpus corpus() {
        return GuideCorpus.of(content);
    }
}

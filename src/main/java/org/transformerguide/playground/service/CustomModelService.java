package org.transformerguide.playground.service;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.transformerguide.playground.checkpoint.CheckpointException;
import org.transformerguide.playground.checkpoint.CheckpointFile;
import org.transformerguide.playground.service.CustomModelException.Reason;

/**
 * Creates, trains and deletes custom models (trained by a workshop lead on their own text); it lists
 * none and serves none ({@link ModelCatalog} and {@link ServedModelRegistry} do).
 *
 * <p>A new model is checked, queued behind any running job, saved as {@code <model-dir>/<name>.tgckpt}
 * and, after a restart, loaded again from there. Creating and deleting are serialized so that two
 * requests cannot claim the same name.
 */
@Service
public class CustomModelService {

    private static final Logger log = LoggerFactory.getLogger(CustomModelService.class);
    /** Lower-case letters, digits and hyphens: safe as a file name and in a URL, on every file system. */
    public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{1,31}");
    public static final int DEFAULT_BPE_VOCABULARY = 512;
    static final String EXTENSION = ".tgckpt";
    /** Longest a running job may take to notice its cancellation (it checks between steps). */
    private static final Duration STOP_WAIT = Duration.ofSeconds(60);

    private final ServedModelRegistry registry;
    private final TrainingService training;
    private final ModelManagementProperties settings;
    private final Map<String, ModelPreset> presets;
    private final Path modelDir;
    /** Models created through {@link #create} since the start (only their failed jobs are kept in the list). */
    private final Set<String> created = ConcurrentHashMap.newKeySet();

    public CustomModelService(ServedModelRegistry registry, TrainingService training, ModelManagementProperties settings,
                              PlaygroundProperties playground, DefaultModelLoader defaultModel) {
        this.registry = registry;
        this.training = training;
        this.settings = settings;
        this.modelDir = defaultModel.modelDir();
        Map<String, ModelPreset> all = ModelManagementProperties.builtInPresets();
        all.putAll(settings.presets());
        all.put(ServedModelRegistry.DEFAULT, ModelPreset.of(playground)); // always the default model's own size
        this.presets = Collections.unmodifiableMap(all);
        // A first training that fails or is cancelled leaves no weights: keep the model listed, with why.
        training.subscribe(status -> {
            if (created.contains(status.model()) && (status.state() == TrainingState.FAILED || status.state() == TrainingState.CANCELLED)
                    && registry.find(status.model()).isEmpty()) {
                registry.reportProblem(status.model(), status.message());
            }
        });
    }

    /** The presets on offer, by name, in a stable order (built-in, configured, default). */
    public Map<String, ModelPreset> presets() {
        return presets;
    }

    public ModelManagementProperties settings() {
        return settings;
    }

    /** What a new model is made of, as the API received it. */
    public record NewModel(String name, String preset, String tokenizer, Integer vocabSize, String corpusName, byte[] corpus) {
    }

    /**
     * Checks {@code request} and queues its training job; returns the job's first event (QUEUED, or
     * RUNNING if the training thread was free and already took it).
     */
    public synchronized TrainingStatus create(NewModel request) {
        String name = request.name() == null ? "" : request.name().strip();
        if (!NAME.matcher(name).matches()) {
            throw new CustomModelException(Reason.INVALID, "name",
                    "name must be 2 to 32 lower-case letters, digits or hyphens, starting with a letter or digit");
        }
        if (exists(name)) {
            throw new CustomModelException(Reason.CONFLICT, "name", "There is already a model named '" + name + "'");
        }
        ModelPreset preset = presets.get(request.preset() == null ? "tiny" : request.preset());
        if (preset == null) {
            throw new CustomModelException(Reason.INVALID, "preset", "preset must be one of " + String.join(", ", presets.keySet()));
        }
        TokenizerSpec tokenizer = tokenizer(request.tokenizer(), request.vocabSize());
        String corpus = decode(request.corpus());
        checkCorpus(corpus, tokenizer, preset);
        long custom = registry.all().stream().filter(m -> isCustom(m.name())).count()
                + registry.problems().keySet().stream().filter(n -> isCustom(n) && registry.find(n).isEmpty()).count()
                + training.active().stream().filter(s -> isCustom(s.model()) && registry.find(s.model()).isEmpty()).count();
        if (custom >= settings.maxModels()) {
            throw new CustomModelException(Reason.CONFLICT, null, "There are already " + custom + " custom models (the limit is "
                    + settings.maxModels() + "); delete one first");
        }
        String corpusName = request.corpusName() == null || request.corpusName().isBlank() ? "pasted text"
                : request.corpusName().strip().substring(0, Math.min(100, request.corpusName().strip().length()));
        registry.clearProblem(name);
        created.add(name);
        training.submit(new TrainingRequest(name, corpusName, corpus, preset.size(), preset.iterations(), preset.batchSize(),
                preset.learningRate(), preset.warmupIterations(), preset.evalInterval(), preset.evalBatches(), checkpoint(name),
                1337, tokenizer));
        log.info("Queued custom model '{}': preset {}, {} tokenizer, {} characters of '{}'", name,
                request.preset() == null ? "tiny" : request.preset(), tokenizer.kind().id(), corpus.length(), corpusName);
        return training.latest(name).orElseThrow();
    }

    /**
     * Deletes a custom model: stops its job (waiting until it no longer writes), stops serving it, and
     * removes its checkpoint. The default model is the guide's own and cannot be deleted.
     */
    public synchronized void delete(String name) throws IOException, InterruptedException {
        if (ServedModelRegistry.DEFAULT.equals(name)) {
            throw new CustomModelException(Reason.CONFLICT, "name", "The default model cannot be deleted: the guide's demos use it");
        }
        if (name == null || !NAME.matcher(name).matches() || !exists(name)) {
            throw new CustomModelException(Reason.NOT_FOUND, "name", "No model named '" + name + "'");
        }
        if (!training.cancelAndWait(name, STOP_WAIT)) {
            throw new IllegalStateException("The training job of '" + name + "' did not stop within " + STOP_WAIT.toSeconds() + " s");
        }
        created.remove(name);
        registry.remove(name);
        registry.clearProblem(name);
        training.forget(name);
        Files.deleteIfExists(checkpoint(name));
        Files.deleteIfExists(ResumePoint.partialFile(checkpoint(name)));   // an unfinished job's best weights,
        Files.deleteIfExists(ResumePoint.fileFor(checkpoint(name)));       // its resume point
        Files.deleteIfExists(TrainingRecordFile.fileFor(checkpoint(name))); // and a finished job's record
        log.info("Deleted custom model '{}'", name);
    }

    /** Serves every custom model saved in the model directory; a damaged file is listed with its problem. */
    @EventListener(ApplicationReadyEvent.class)
    public void loadSaved() {
        if (!Files.isDirectory(modelDir)) {
            return;
        }
        Map<String, Path> files = new LinkedHashMap<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(modelDir, "*" + EXTENSION)) {
            for (Path file : stream) {
                String name = file.getFileName().toString();
                name = name.substring(0, name.length() - EXTENSION.length());
                if (isCustom(name) && NAME.matcher(name).matches()) {
                    files.put(name, file);
                }
            }
        } catch (IOException e) {
            log.warn("Could not list the custom models in {}: {}", modelDir, e.toString());
            return;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(modelDir, "*" + EXTENSION + ".partial")) {
            for (Path partial : stream) {  // a job cut short by a restart: serve its best weights so far
                String name = partial.getFileName().toString();
                name = name.substring(0, name.length() - EXTENSION.length() - ".partial".length());
                if (isCustom(name) && NAME.matcher(name).matches() && !files.containsKey(name)) {
                    files.put(name, partial);
                }
            }
        } catch (IOException e) {
            log.warn("Could not list the unfinished custom models in {}: {}", modelDir, e.toString());
        }
        files.forEach((name, file) -> {
            try {
                registry.register(name, CheckpointFile.load(file));
                log.info("Loaded custom model '{}' from {}", name, file);
            } catch (CheckpointException e) {
                registry.reportProblem(name, "The saved model is unusable (damaged or from another version); delete it and train it again.");
                log.warn("Custom model '{}' ({}) is unusable: {}", name, file, e.getMessage());
            } catch (IOException | RuntimeException e) {
                registry.reportProblem(name, "The saved model could not be read; delete it and train it again.");
                log.warn("Custom model '{}' could not be read", name, e);
            }
        });
    }

    Path checkpoint(String name) {
        return modelDir.resolve(name + EXTENSION);
    }

    private boolean exists(String name) {
        return ServedModelRegistry.DEFAULT.equals(name) || registry.find(name).isPresent() || registry.problem(name).isPresent()
                || training.isTraining(name) || Files.exists(checkpoint(name)) || Files.exists(ResumePoint.partialFile(checkpoint(name)));
    }

    private static boolean isCustom(String name) {
        return !ServedModelRegistry.DEFAULT.equals(name);
    }

    private TokenizerSpec tokenizer(String kind, Integer vocabSize) {
        String id = kind == null ? "char" : kind.strip();
        if (id.equals("char")) {
            if (vocabSize != null) {
                throw new CustomModelException(Reason.INVALID, "vocabSize",
                        "vocabSize is for the bpe tokenizer; a char tokenizer's vocabulary is the corpus's characters");
            }
            return TokenizerSpec.CHAR;
        }
        if (id.equals("bpe")) {
            int size = vocabSize == null ? Math.min(DEFAULT_BPE_VOCABULARY, settings.maxVocabulary()) : vocabSize;
            if (size <= 256 || size > settings.maxVocabulary()) {
                throw new CustomModelException(Reason.INVALID, "vocabSize",
                        "vocabSize must be 257 to " + settings.maxVocabulary() + " (256 bytes plus at least one merge), not " + size);
            }
            return TokenizerSpec.bpe(size);
        }
        throw new CustomModelException(Reason.INVALID, "tokenizer", "tokenizer must be char or bpe, not '" + id + "'");
    }

    /** The corpus as text: UTF-8 only (a byte-order mark is dropped), Windows line ends made Unix ones. */
    private String decode(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new CustomModelException(Reason.INVALID, "corpus", "The corpus is empty: upload a file or paste some text");
        }
        if (bytes.length > settings.maxCorpusSize().toBytes()) {
            throw tooLarge(bytes.length);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new CustomModelException(Reason.INVALID, "corpus", "The corpus is not valid UTF-8 text; save it as UTF-8 and try again");
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        text = text.replace("\r\n", "\n");
        if (text.isBlank()) {
            throw new CustomModelException(Reason.INVALID, "corpus", "The corpus is empty: it has only white space");
        }
        return text;
    }

    /** The corpus limit for people, e.g. "5 MB". */
    public String limitText() {
        return DataSizes.show(settings.maxCorpusSize().toBytes());
    }

    public CustomModelException tooLarge(long bytes) {
        return new CustomModelException(Reason.TOO_LARGE, "corpus", "The corpus is " + DataSizes.show(bytes) + "; the limit is "
                + DataSizes.show(settings.maxCorpusSize().toBytes()));
    }

    /** Enough tokens for one training and one validation window; a vocabulary within bounds. */
    private void checkCorpus(String corpus, TokenizerSpec tokenizer, ModelPreset preset) {
        int block = preset.blockSize();
        int characters = corpus.codePointCount(0, corpus.length());
        int tokens;
        if (tokenizer.kind() == TokenizerSpec.Kind.CHAR) {
            long distinct = corpus.codePoints().distinct().count();
            if (distinct + 1 > settings.maxVocabulary()) {
                throw new CustomModelException(Reason.INVALID, "tokenizer", "The corpus has " + distinct
                        + " distinct characters, more than a character vocabulary may hold (" + settings.maxVocabulary() + "); use bpe");
            }
            tokens = characters;
        } else if (TrainingData.longEnough(characters / MAX_BPE_TOKEN_CHARS, block)) {
            return; // even if every token were as long as a BPE token can be
        } else {
            tokens = tokenizer.learn(corpus).encode(corpus).length; // a short corpus: cheap to tokenize exactly
        }
        if (!TrainingData.longEnough(tokens, block)) {
            throw new CustomModelException(Reason.INVALID, "corpus", "The corpus is too short for preset block size " + block + ": "
                    + tokens + " tokens, and its last 10% (the validation text) must hold more than " + block
                    + " (about " + minimumTokens(block) + " tokens in all)");
        }
    }

    /** BPE never merges across its pre-tokenization pieces, which are at most 128 characters. */
    private static final int MAX_BPE_TOKEN_CHARS = 128;

    private static int minimumTokens(int block) {
        int n = block + 1;
        while (!TrainingData.longEnough(n, block)) {
            n++;
        }
        return n;
    }

    /** Sizes for people: "5 MB", "700 KB", "12 bytes". */
    static final class DataSizes {
        private DataSizes() {
        }

        static String show(long bytes) {
            if (bytes >= 1024 * 1024) {
                double mb = bytes / (1024.0 * 1024.0);
                return (mb == Math.rint(mb) ? String.valueOf((long) mb) : String.format(java.util.Locale.ROOT, "%.1f", mb)) + " MB";
            }
            if (bytes >= 1024) {
                return (bytes / 1024) + " KB";
            }
            return bytes + " bytes";
        }
    }
}

package org.transformerguide.playground.service;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.transformerguide.playground.inference.ContinuousBatching;
import org.transformerguide.playground.checkpoint.LoadedModel;
import org.transformerguide.playground.inference.Generator;

/**
 * The models answering requests right now, by name; not every model that exists (that is {@link ModelCatalog}).
 *
 * <p>It also keeps why a model that should be served is not ("default" with a damaged checkpoint and no
 * training). Thread-safe: a finished training job replaces a model while requests read it; a request keeps
 * the {@link ServedModel} it looked up, so a swap never changes the weights under a running generation.
 * A model's {@link Generator} serves any number of requests at once on the one copy of its weights: each
 * request makes its own state.
 */
@Component
public class ServedModelRegistry {

    public static final String DEFAULT = "default";

    private final Map<String, ServedModel> models = new ConcurrentHashMap<>();
    private final Map<String, String> problems = new ConcurrentHashMap<>();
    private final int batchStreams;
    private final int prefillChunk;
    private final int nice;
    private final int answerCache;

    /** Defaults: 32 streams per batch, prompts read 16 tokens between steps, loops at nice 10, 32 answers kept per model. */
    public ServedModelRegistry() {
        this(32, 16, 10, 32);
    }

    @Autowired
    public ServedModelRegistry(@Value("${guide.playground.batch-streams:32}") int batchStreams,
                               @Value("${guide.playground.prefill-chunk:16}") int prefillChunk,
                               @Value("${guide.playground.worker-nice:10}") int nice,
                               @Value("${guide.playground.answer-cache:32}") int answerCache) {
        this.batchStreams = batchStreams;
        this.answerCache = answerCache;
        this.prefillChunk = prefillChunk;
        this.nice = nice;
    }

    /**
     * Serves {@code loaded} under {@code name}, with its own batching loop. A model it replaces keeps its
     * loop until the generations already running on it end (they keep their weights), then that loop stops.
     */
    public ServedModel register(String name, LoadedModel loaded) {
        ContinuousBatching batching = new ContinuousBatching(loaded.model(), loaded.tokenizer(), batchStreams, prefillChunk,
                "playground-model-" + name, nice);
        ServedModel served = new ServedModel(name, loaded.model().config(), new Generator(loaded.model(), loaded.tokenizer()),
                loaded.metadata(), batching, new AnswerCache(answerCache));
        ServedModel old = models.put(name, served);
        problems.remove(name);
        if (old != null) {
            old.batching().retire();
        }
        return served;
    }

    public Optional<ServedModel> find(String name) {
        return Optional.ofNullable(models.get(name));
    }

    public List<ServedModel> all() {
        return models.values().stream().sorted((a, b) -> a.name().compareTo(b.name())).toList();
    }

    /** Records why {@code name} is not served (shown by the API until it is registered). */
    public void reportProblem(String name, String problem) {
        problems.put(name, problem);
    }

    public Optional<String> problem(String name) {
        return Optional.ofNullable(problems.get(name));
    }

    /** Every name with a recorded problem, and the problem. */
    public Map<String, String> problems() {
        return Map.copyOf(problems);
    }

    public void clearProblem(String name) {
        problems.remove(name);
    }

    public void remove(String name) {
        ServedModel old = models.remove(name);
        if (old != null) {
            old.batching().retire();
        }
    }
}

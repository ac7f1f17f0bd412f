package org.transformerguide.playground.api;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.transformerguide.playground.inference.AttentionMap;
import org.transformerguide.playground.inference.LogitLens;
import org.transformerguide.playground.inference.GenerationResult;
import org.transformerguide.playground.inference.NextTokenDistribution;
import org.transformerguide.playground.inference.SamplingOptions;
import org.transformerguide.playground.model.GptConfig;
import org.transformerguide.playground.service.InferencePool;
import org.transformerguide.playground.service.ModelRegistry;
import org.transformerguide.playground.service.PlaygroundProperties;
import org.transformerguide.playground.service.ServedModel;
import org.transformerguide.playground.service.TrainingService;
import org.transformerguide.playground.service.LossPoint;
import org.transformerguide.playground.service.TrainingStatus;
import org.transformerguide.web.ProblemResponses;

/**
 * The live model over HTTP. Inference is GET with query parameters: it changes no server state, a
 * browser's EventSource (the generate stream) can only send GET, and so the platform's CSRF protection
 * needs no exemption. Every parameter is checked here against its bounds; the engine checks again.
 */
@RestController
@RequestMapping("/api/playground")
@Tag(name = "Playground", description = "The guide's small GPT: its models, training progress and inference")
class PlaygroundController {

    // Parameter descriptions for the OpenAPI document (bounds as checked below).
    static final String PROMPT = "The prompt: 1 to guide.playground.max-prompt-chars (default 1000) characters; "
            + "characters the model never saw map to a fallback token";
    static final String MODEL = "Model name (default: default)";
    private static final String MODEL_TRAINING = "Only this model's training job (default: whichever job reports)";
    private static final String TEMPERATURE = "0 to 5 (default 1); 0 is greedy (always the likeliest token)";
    private static final String TOP_K = "Keep only the k likeliest tokens: 1 to the model's vocabulary size (default: all)";
    private static final String TOP_P = "Keep the smallest set of likeliest tokens whose probability reaches p: in (0, 1] (default 1)";

    /** A paragraph's worth: what generate produces when the client does not say. */
    private static final int DEFAULT_MAX_TOKENS = 100;

    private final ModelRegistry registry;
    private final TrainingService training;
    private final InferencePool pool;
    private final PlaygroundProperties properties;
    private final ServedModels models;
    private final WorkerStreams streams;

    PlaygroundController(ModelRegistry registry, TrainingService training, InferencePool pool, PlaygroundProperties properties,
                         ServedModels models, WorkerStreams streams) {
        this.registry = registry;
        this.training = training;
        this.pool = pool;
        this.properties = properties;
        this.models = models;
        this.streams = streams;
    }

    record TokenEvent(int index, int id, String text) {
    }

    record DoneEvent(String stop, int tokens, double tokensPerSecond, long seed, String text) {
    }

    // GET /models (the model list) is in ModelManagementController, with creating and deleting models.

    /**
     * The latest training event (of {@code model}, or of any job) with that job's loss curve: a running
     * job, or the last finished one (after a restart, the one that trained the served default model).
     */
    @Operation(summary = "The latest training event, of one model's job or of any, with its loss curve")
    @ProblemResponses(404)
    @GetMapping("/training")
    TrainingView trainingStatus(@Parameter(description = MODEL_TRAINING) @RequestParam(required = false) String model) {
        TrainingStatus status = (model == null ? training.latest() : training.latest(model))
                .orElseThrow(() -> new PlaygroundProblems.UnknownModel(model == null ? "(no training job has run)" : model));
        return new TrainingView(status, training.history(status.model()));
    }

    /** A training event and its job's loss curve so far; the event's fields at the top level, as in the stream. */
    record TrainingView(@JsonUnwrapped TrainingStatus status, List<LossPoint> history) {
    }

    /**
     * Training progress as server-sent events ("progress"): the latest event, then every new one until a
     * job ends. With {@code model}, only that model's job; otherwise whichever job reports.
     */
    @Operation(summary = "Training progress as server-sent events",
            description = "A `progress` event with the latest training event, then one per new event until the job ends.")
    @ApiResponse(responseCode = "200", description = "`progress` events, each a training event as JSON",
            content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM_VALUE, schema = @Schema(implementation = TrainingStatus.class)))
    @GetMapping(path = "/training/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter trainingStream(@Parameter(description = MODEL_TRAINING) @RequestParam(required = false) String model,
                              HttpServletResponse response) throws IOException {
        WorkerStreams.commit(response); // before the training thread may send (see WorkerStreams)
        SseEmitter emitter = new SseEmitter(0L); // no time limit: a training job takes minutes
        AtomicReference<Runnable> unsubscribe = new AtomicReference<>(() -> { });
        AtomicBoolean closed = new AtomicBoolean();
        Runnable close = () -> {
            if (closed.compareAndSet(false, true)) {
                unsubscribe.get().run();
                emitter.complete();
            }
        };
        emitter.onCompletion(() -> unsubscribe.get().run());
        emitter.onError(e -> unsubscribe.get().run());
        java.util.function.Consumer<TrainingStatus> send = status -> {
            if (closed.get() || (model != null && !model.equals(status.model()))) {
                return;
            }
            try {
                emitter.send(SseEmitter.event().name("progress").data(status, MediaType.APPLICATION_JSON));
            } catch (IOException | IllegalStateException e) {
                close.run(); // the client left
                return;
            }
            if (status.state().finished()) {
                close.run();
            }
        };
        unsubscribe.set(training.subscribe(send));
        TrainingStatus current = (model == null ? training.latest() : training.latest(model)).orElse(null);
        if (current == null) {
            close.run();
        } else {
            send.accept(current);
        }
        return emitter;
    }

    @Operation(summary = "The distribution of the next token after filtering",
            description = "The 20 most likely tokens with their probabilities, the entropy in bits, the number of candidates "
                    + "left after filtering and the vocabulary size.")
    @ProblemResponses({400, 404, 429, 503})
    @GetMapping("/next-token")
    NextTokenDistribution nextToken(@Parameter(description = PROMPT) @RequestParam String prompt,
                                    @Parameter(description = TEMPERATURE) @RequestParam(defaultValue = "1") double temperature,
                                    @Parameter(description = TOP_K) @RequestParam(required = false) Integer topK,
                                    @Parameter(description = TOP_P) @RequestParam(defaultValue = "1") double topP,
                                    @Parameter(description = MODEL) @RequestParam(defaultValue = ModelRegistry.DEFAULT) String model) {
        checkPrompt(prompt);
        checkSampling(temperature, topK, topP);
        ServedModel served = ready(model);
        SamplingOptions options = options(served, temperature, topK, topP);
        return await(pool.submit(() -> served.generator().nextToken(prompt, options)));
    }

    @Operation(summary = "Every head's attention over the prompt",
            description = "The tokens read (the last block of the prompt) and the probabilities [layer][head][query][key].")
    @ProblemResponses({400, 404, 429, 503})
    @GetMapping("/attention")
    AttentionMap attention(@Parameter(description = PROMPT) @RequestParam String prompt,
                           @Parameter(description = MODEL) @RequestParam(defaultValue = ModelRegistry.DEFAULT) String model) {
        checkPrompt(prompt);
        ServedModel served = ready(model);
        return await(pool.submit(() -> served.generator().attention(prompt)));
    }

    @Operation(summary = "The logit lens: the next-token guesses after every layer",
            description = "For the last token of the prompt (its last block): the final LayerNorm and the head applied to the "
                    + "residual stream after the embedding and after each block, the top 5 tokens at each depth, and the "
                    + "probability and rank each depth gives the model's final top token.")
    @ProblemResponses({400, 404, 429, 503})
    @GetMapping("/logit-lens")
    LogitLens logitLens(@Parameter(description = PROMPT) @RequestParam String prompt,
                        @Parameter(description = MODEL) @RequestParam(defaultValue = ModelRegistry.DEFAULT) String model) {
        checkPrompt(prompt);
        ServedModel served = ready(model);
        return await(pool.submit(() -> served.generator().logitLens(prompt)));
    }

    /**
     * Continues {@code prompt} as server-sent events: "token" {index, id, text} per token, then "done"
     * {stop, tokens, tokensPerSecond, seed, text}. Stop is MAX_TOKENS, CLIENT_GONE or TIME_LIMIT. A client
     * that disconnects frees its worker at the next token.
     */
    @Operation(summary = "Continue the prompt, token by token, as server-sent events",
            description = "`token` events {index, id, text}, then one `done` event {stop, tokens, tokensPerSecond, seed, text} "
                    + "with stop MAX_TOKENS, TIME_LIMIT or CLIENT_GONE. Closing the connection stops generation and frees the worker.")
    @ApiResponse(responseCode = "200", description = "`token` events, then a `done` event",
            content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM_VALUE, schema = @Schema(implementation = TokenEvent.class)))
    @ProblemResponses({400, 404, 429, 503})
    @GetMapping(path = "/generate", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter generate(@Parameter(description = PROMPT) @RequestParam String prompt,
                        @Parameter(description = "How many tokens to generate: 1 to guide.playground.max-tokens (default "
                                + "setting 500); default 100 or that cap if smaller") @RequestParam(required = false) Integer maxTokens,
                        @Parameter(description = TEMPERATURE) @RequestParam(defaultValue = "1") double temperature,
                        @Parameter(description = TOP_K) @RequestParam(required = false) Integer topK,
                        @Parameter(description = TOP_P) @RequestParam(defaultValue = "1") double topP,
                        @Parameter(description = "Seed of the random draws; the same seed gives the same text (default random)")
                        @RequestParam(required = false) Long seed,
                        @Parameter(description = MODEL) @RequestParam(defaultValue = ModelRegistry.DEFAULT) String model,
                        HttpServletResponse response) {
        checkPrompt(prompt);
        int tokens = maxTokens != null ? maxTokens : Math.min(DEFAULT_MAX_TOKENS, properties.maxTokens());
        if (tokens < 1 || tokens > properties.maxTokens()) {
            throw new PlaygroundProblems.BadParameter("maxTokens", "maxTokens must be 1 to " + properties.maxTokens() + ", not " + tokens);
        }
        checkSampling(temperature, topK, topP);
        ServedModel served = ready(model);
        SamplingOptions options = options(served, temperature, topK, topP);
        long usedSeed = seed != null ? seed : ThreadLocalRandom.current().nextLong();
        return streams.open(response, stream -> {
            long start = System.nanoTime();
            AtomicBoolean late = new AtomicBoolean();
            GenerationResult result = served.generator().generate(prompt, tokens, options, usedSeed, (index, id, text) -> {
                if (stream.pastDeadline()) {
                    late.set(true);
                    return false;
                }
                return stream.send("token", new TokenEvent(index, id, text));
            });
            io.micrometer.core.instrument.Metrics.counter("guide.playground.tokens.generated").increment(result.tokens().length);
            if (!stream.gone()) {
                double seconds = (System.nanoTime() - start) / 1e9;
                String why = late.get() ? "TIME_LIMIT" : result.stop() == GenerationResult.Stop.MAX_TOKENS ? "MAX_TOKENS" : "CLIENT_GONE";
                stream.send("done", new DoneEvent(why, result.tokens().length,
                        seconds > 0 ? result.tokens().length / seconds : 0, usedSeed, result.text()));
            }
        });
    }

    private ServedModel ready(String name) {
        return models.ready(name);
    }

    private void checkPrompt(String prompt) {
        if (prompt.isEmpty()) {
            throw new PlaygroundProblems.BadParameter("prompt", "prompt must not be empty");
        }
        if (prompt.length() > properties.maxPromptChars()) {
            throw new PlaygroundProblems.BadParameter("prompt", "prompt must be at most " + properties.maxPromptChars()
                    + " characters, not " + prompt.length());
        }
    }

    /** The bounds that hold for every model, checked before its state: a bad request is a 400 even while the model trains. */
    private static void checkSampling(double temperature, Integer topK, double topP) {
        if (!(temperature >= 0 && temperature <= SamplingOptions.MAX_TEMPERATURE)) {
            throw new PlaygroundProblems.BadParameter("temperature", "temperature must be 0 to " + SamplingOptions.MAX_TEMPERATURE + ", not " + temperature);
        }
        if (topK != null && topK < 1) {
            throw new PlaygroundProblems.BadParameter("topK", "topK must be at least 1, not " + topK);
        }
        if (!(topP > 0 && topP <= 1)) {
            throw new PlaygroundProblems.BadParameter("topP", "topP must be in (0, 1], not " + topP);
        }
    }

    private static SamplingOptions options(ServedModel model, double temperature, Integer topK, double topP) {
        checkSampling(temperature, topK, topP);
        int vocab = model.config().vocabSize();
        if (topK != null && (topK < 1 || topK > vocab)) {
            throw new PlaygroundProblems.BadParameter("topK", "topK must be 1 to " + vocab + " (the vocabulary), not " + topK);
        }
        if (!(topP > 0 && topP <= 1)) {
            throw new PlaygroundProblems.BadParameter("topP", "topP must be in (0, 1], not " + topP);
        }
        return new SamplingOptions(temperature, topK == null ? 0 : topK, topP);
    }

    private <T> T await(Future<T> future) {
        return models.await(future);
    }
}

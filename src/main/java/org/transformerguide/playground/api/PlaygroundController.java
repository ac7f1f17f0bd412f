package org.transformerguide.playground.api;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
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
import org.transformerguide.playground.service.ServedModelRegistry;
import org.transformerguide.playground.service.PlaygroundProperties;
import org.transformerguide.playground.service.ServedModel;
import org.transformerguide.playground.service.TrainingService;
import org.transformerguide.playground.service.LossPoint;
import org.transformerguide.playground.service.TrainingStatus;
import org.transformerguide.web.ProblemResponses;

/**
 * The live model over HTTP. Inference is GET with query parameters: it changes no server state, a
 * browser's EventSource (the generate stream) can only send GET, and so the platform's CSRF protection
 * needs no exemption. Parameters are checked before the model is looked at (a bad request is a 400 even
 * while the model trains); the sampling bounds live in one place, {@link SamplingOptions#check}.
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

    /** Drawn seeds stay below 2^53, so the number shown, typed back in, is exactly the one used. */
    static final long MAX_DRAWN_SEED = 1L << 53;

    /** A paragraph's worth: what generate produces when the client does not say. */
    private static final int DEFAULT_MAX_TOKENS = 100;

    private final TrainingService training;
    private final PlaygroundProperties properties;
    private final ModelRequests models;
    private final WorkerStreams streams;

    PlaygroundController(TrainingService training, PlaygroundProperties properties,
                         ModelRequests models, WorkerStreams streams) {
        this.training = training;
        this.properties = properties;
        this.models = models;
        this.streams = streams;
    }

    record TokenEvent(int index, int id, String text) {
    }

    /** The seed as a string: a JavaScript number holds integers exactly only below 2^53, so a long would come back altered. */
    record DoneEvent(String stop, int tokens, double tokensPerSecond, String seed, String text) {
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
        return streams.follow(response, stream -> {
            Consumer<TrainingStatus> send = status -> {
                if (model != null && !model.equals(status.model())) {
                    return;
                }
                if (!stream.send("progress", status) || status.state().finished()) {
                    stream.close(); // the client left, or the job ended
                }
            };
            Runnable unsubscribe = training.subscribe(send);
            TrainingStatus current = (model == null ? training.latest() : training.latest(model)).orElse(null);
            if (current == null) {
                stream.close();
            } else {
                send.accept(current);
            }
            return unsubscribe;
        });
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
                                    @Parameter(description = MODEL) @RequestParam(defaultValue = ServedModelRegistry.DEFAULT) String model) {
        checkPrompt(prompt);
        SamplingOptions.check(temperature, topK, topP);
        ServedModel served = ready(model);
        SamplingOptions options = SamplingOptions.forVocabulary(temperature, topK, topP, served.config().vocabSize());
        return answer(served, List.of("next-token", prompt, options), () -> served.generator().nextToken(prompt, options));
    }

    @Operation(summary = "Every head's attention over the prompt",
            description = "The tokens read (the last block of the prompt) and the probabilities [layer][head][query][key].")
    @ProblemResponses({400, 404, 429, 503})
    @GetMapping("/attention")
    AttentionMap attention(@Parameter(description = PROMPT) @RequestParam String prompt,
                           @Parameter(description = MODEL) @RequestParam(defaultValue = ServedModelRegistry.DEFAULT) String model) {
        checkPrompt(prompt);
        ServedModel served = ready(model);
        return answer(served, List.of("attention", prompt), () -> served.generator().attention(prompt));
    }

    @Operation(summary = "The logit lens: the next-token guesses after every layer",
            description = "For the last token of the prompt (its last block): the final LayerNorm and the head applied to the "
                    + "residual stream after the embedding and after each block, the top 5 tokens at each depth, and the "
                    + "probability and rank each depth gives the model's final top token.")
    @ProblemResponses({400, 404, 429, 503})
    @GetMapping("/logit-lens")
    LogitLens logitLens(@Parameter(description = PROMPT) @RequestParam String prompt,
                        @Parameter(description = MODEL) @RequestParam(defaultValue = ServedModelRegistry.DEFAULT) String model) {
        checkPrompt(prompt);
        ServedModel served = ready(model);
        return answer(served, List.of("logit-lens", prompt), () -> served.generator().logitLens(prompt));
    }

    /**
     * Continues {@code prompt} as server-sent events: "token" {index, id, text} per token, then "done"
     * {stop, tokens, tokensPerSecond, seed, text}. Stop is MAX_TOKENS, CLIENT_GONE or TIME_LIMIT. While it
     * waits for a worker, "queued" {ahead} events; if it waits too long, one "busy" event. A client that
     * disconnects frees its worker at the next token.
     */
    @Operation(summary = "Continue the prompt, token by token, as server-sent events",
            description = "`token` events {index, id, text}, then one `done` event {stop, tokens, tokensPerSecond, seed, text} "
                    + "with stop MAX_TOKENS, TIME_LIMIT or CLIENT_GONE. While the request waits for a worker, `queued` events {ahead} "
                    + "(requests that start before it); one that waits past guide.playground.queue-wait gets one `busy` event "
                    + "{retryAfterSeconds, detail}. Closing the connection stops generation and frees the worker.")
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
                        @Parameter(description = "Seed of the random draws; the same seed gives the same text (default: drawn in [0, 2^53) and reported as a string)")
                        @RequestParam(required = false) Long seed,
                        @Parameter(description = MODEL) @RequestParam(defaultValue = ServedModelRegistry.DEFAULT) String model,
                        HttpServletRequest request, HttpServletResponse response) {
        checkPrompt(prompt);
        int tokens = maxTokens != null ? maxTokens : Math.min(DEFAULT_MAX_TOKENS, properties.maxTokens());
        if (tokens < 1 || tokens > properties.maxTokens()) {
            throw new PlaygroundProblems.BadParameter("maxTokens", "maxTokens must be 1 to " + properties.maxTokens() + ", not " + tokens);
        }
        SamplingOptions.check(temperature, topK, topP);
        ServedModel served = ready(model);
        SamplingOptions options = SamplingOptions.forVocabulary(temperature, topK, topP, served.config().vocabSize());
        long usedSeed = seed != null ? seed : ThreadLocalRandom.current().nextLong(MAX_DRAWN_SEED);
        return streams.open(request, response, stream -> {
            GenerationResult result = BatchedStream.run(served, served.generator().tokenizer().encode(prompt), tokens, options,
                    usedSeed, stream);
            io.micrometer.core.instrument.Metrics.counter("guide.playground.tokens.generated").increment(result.tokens().length);
            if (!stream.gone()) {
                String why = result.stop() == GenerationResult.Stop.MAX_TOKENS ? stream.stopReason("MAX_TOKENS")
                        : stream.pastDeadline() ? "TIME_LIMIT" : stream.stopReason("CLIENT_GONE");
                stream.sendIgnoringDeadline("done", new DoneEvent(why, result.tokens().length, stream.perSecond(result.tokens().length),
                        Long.toString(usedSeed), result.text()));
            }
        });
    }

    /**
     * A short question to {@code served}: answered from its kept answers, or computed on its loop after a
     * wait in the asker's line of the queue. {@code key} holds everything the answer depends on.
     */
    private <T> T answer(ServedModel served, List<?> key, Callable<T> question) {
        return served.answers().get(key, () -> models.run(() -> served.compute(question)));
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
}

package org.transformerguide.playground.api;

import java.util.List;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.transformerguide.playground.inference.EmbeddingMap;
import org.transformerguide.playground.service.EmbeddingMaps;
import org.transformerguide.playground.service.ServedModelRegistry;
import org.transformerguide.playground.service.PlaygroundProperties;
import org.transformerguide.playground.service.ServedModel;
import org.transformerguide.tokens.PublishedTokenizers;
import org.transformerguide.playground.tokenizer.Tokenization;
import org.transformerguide.web.ProblemResponses;

/**
 * A model's tokens: how a text is cut into them (beside two published tokenizers), and where their
 * embedding vectors lie relative to each other.
 */
@RestController
@RequestMapping("/api/playground")
@Tag(name = "Playground")
class TokensController {

    static final int MAX_NEIGHBOURS = 50;
    private static final int DEFAULT_NEIGHBOURS = 10;

    private final ModelRequests models;
    private final EmbeddingMaps embeddingMaps;
    private final PlaygroundProperties properties;

    TokensController(ModelRequests models, EmbeddingMaps embeddingMaps, PlaygroundProperties properties) {
        this.models = models;
        this.embeddingMaps = embeddingMaps;
        this.properties = properties;
    }

    /** The tokenizations side by side: the model's own first. */
    record TokenizeView(String text, String model, List<Tokenization> tokenizations) {
    }

    record SelectedToken(int id, String text) {
    }

    /**
     * @param explainedVarianceRatio the share of the embeddings' variance along x and along y
     * @param token                  the token asked about, or null
     * @param neighbours             its nearest tokens by cosine similarity in the full space, most similar first
     */
    record EmbeddingsView(String model, int vocabSize, int dimensions, double[] explainedVarianceRatio,
                          List<EmbeddingMap.Point> points, SelectedToken token, List<EmbeddingMap.Neighbour> neighbours) {
    }

    @Operation(summary = "The text cut into the model's tokens, beside GPT-2's and cl100k_base's",
            description = "Three tokenizations in order (the model's own, GPT-2 r50k_base, cl100k_base), each with its count "
                    + "and every token's id, text and span [start, end) in UTF-16 units of the text.")
    @ProblemResponses({400, 404, 429, 503})
    @GetMapping("/tokenize")
    TokenizeView tokenize(@Parameter(description = "The text: 0 to guide.playground.max-prompt-chars (default 1000) characters")
                          @RequestParam String text,
                          @Parameter(description = PlaygroundController.MODEL) @RequestParam(defaultValue = ServedModelRegistry.DEFAULT) String model) {
        if (text.length() > properties.maxPromptChars()) {
            throw new PlaygroundProblems.BadParameter("text", "text must be at most " + properties.maxPromptChars()
                    + " characters, not " + text.length());
        }
        ServedModel served = models.ready(model);
        return models.run(() -> new TokenizeView(text, served.name(), List.of(
                Tokenization.of("this model (" + kind(served) + ")", served.generator().tokenizer(), text),
                Tokenization.of(PublishedTokenizers.GPT2, text),
                Tokenization.of(PublishedTokenizers.CL100K, text))));
    }

    @Operation(summary = "The token embeddings projected to 2-D by PCA, and one token's nearest neighbours",
            description = "Every token's {id, text, x, y} on the first two principal components of the token embedding "
                    + "matrix, with the share of variance each explains; with `token`, its k nearest tokens by cosine "
                    + "similarity in the full embedding space.")
    @ProblemResponses({400, 404, 429, 503})
    @GetMapping("/embeddings")
    EmbeddingsView embeddings(@Parameter(description = PlaygroundController.MODEL)
                              @RequestParam(defaultValue = ServedModelRegistry.DEFAULT) String model,
                              @Parameter(description = "A token id (0 to vocabulary size - 1) or a token's exact text; a decimal "
                                      + "number is always read as an id") @RequestParam(required = false) String token,
                              @Parameter(description = "How many neighbours: 1 to 50 (default 10)")
                              @RequestParam(defaultValue = "" + DEFAULT_NEIGHBOURS) int k) {
        if (k < 1 || k > MAX_NEIGHBOURS) {
            throw new PlaygroundProblems.BadParameter("k", "k must be 1 to " + MAX_NEIGHBOURS + ", not " + k);
        }
        if (token != null && token.isEmpty()) {
            throw new PlaygroundProblems.BadParameter("token", "token must be a token id or a token's text, not empty");
        }
        ServedModel served = models.ready(model);
        return models.run(() -> {
            EmbeddingMap map = embeddingMaps.of(served);
            if (token == null) {
                return new EmbeddingsView(served.name(), map.vocabSize(), map.dimensions(), map.explainedVarianceRatio(),
                        map.points(), null, List.of());
            }
            int id = tokenId(map, token);
            return new EmbeddingsView(served.name(), map.vocabSize(), map.dimensions(), map.explainedVarianceRatio(),
                    map.points(), new SelectedToken(id, map.text(id)), map.neighbours(id, k));
        });
    }

    /** A decimal number is an id; anything else is looked up as a token's exact text. */
    private static int tokenId(EmbeddingMap map, String token) {
        if (token.matches("\\d{1,9}")) {
            int id = Integer.parseInt(token);
            if (id >= map.vocabSize()) {
                throw new PlaygroundProblems.BadParameter("token", "token id must be 0 to " + (map.vocabSize() - 1) + ", not " + id);
            }
            return id;
        }
        int id = map.idOf(token);
        if (id < 0) {
            throw new PlaygroundProblems.BadParameter("token", "the model has no token '" + token + "'");
        }
        return id;
    }

    private static String kind(ServedModel served) {
        return served.generator().tokenizer() instanceof org.transformerguide.playground.tokenizer.BytePairTokenizer
                ? "byte-level BPE" : "character-level";
    }
}

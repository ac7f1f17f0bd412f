package org.transformerguide.playground.api;

import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.transformerguide.playground.inference.EmbeddingMap;
import org.transformerguide.playground.service.EmbeddingMaps;
import org.transformerguide.playground.service.ModelRegistry;
import org.transformerguide.playground.service.PlaygroundProperties;
import org.transformerguide.playground.service.ServedModel;
import org.transformerguide.playground.tokenizer.PublishedTokenizers;
import org.transformerguide.playground.tokenizer.Tokenization;

/**
 * A model's tokens: how a text is cut into them (beside two published tokenizers), and where their
 * embedding vectors lie relative to each other.
 */
@RestController
@RequestMapping("/api/playground")
class TokensController {

    static final int MAX_NEIGHBOURS = 50;
    private static final int DEFAULT_NEIGHBOURS = 10;

    private final ServedModels models;
    private final EmbeddingMaps embeddingMaps;
    private final PlaygroundProperties properties;

    TokensController(ServedModels models, EmbeddingMaps embeddingMaps, PlaygroundProperties properties) {
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

    @GetMapping("/tokenize")
    TokenizeView tokenize(@RequestParam String text, @RequestParam(defaultValue = ModelRegistry.DEFAULT) String model) {
        if (text.length() > properties.maxPromptChars()) {
            throw new PlaygroundProblems.BadParameter("text", "text must be at most " + properties.maxPromptChars()
                    + " characters, not " + text.length());
        }
        ServedModel served = models.ready(model);
        return models.run(() -> new TokenizeView(text, served.name(), List.of(
                Tokenization.of("this model (" + kind(served) + ")", served.generator().tokenizer(), text),
                PublishedTokenizers.GPT2.tokenize(text),
                PublishedTokenizers.CL100K.tokenize(text))));
    }

    @GetMapping("/embeddings")
    EmbeddingsView embeddings(@RequestParam(defaultValue = ModelRegistry.DEFAULT) String model,
                              @RequestParam(required = false) String token,
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

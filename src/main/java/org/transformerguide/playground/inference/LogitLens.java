package org.transformerguide.playground.inference;

import java.util.ArrayList;
import java.util.List;
import org.transformerguide.playground.inference.NextTokenDistribution.TokenProbability;
import org.transformerguide.playground.tokenizer.Tokenizer;

/**
 * The logit lens at the last token the model read: at every depth, the next-token guesses that the final
 * LayerNorm and the output head make of the residual stream (transformers.md §19).
 *
 * @param tokenTexts the tokens read (the last block of the prompt)
 * @param stages     stage 0 reads the embedding, stage l the stream after block l; the last stage is the
 *                   model's own prediction
 */
public record LogitLens(List<String> tokenTexts, List<Stage> stages) {

    public static final int TOP = 5;

    /**
     * @param name                  "embedding" or "block l"
     * @param top                   the most likely next tokens at this depth (at most {@link #TOP})
     * @param finalTokenId          the model's own top token (the last stage's first guess)
     * @param finalTokenProbability the probability this depth already gives that token
     * @param finalTokenRank        that token's rank at this depth (1 = this depth's first guess)
     */
    public record Stage(int stage, String name, List<TokenProbability> top, int finalTokenId,
                        double finalTokenProbability, int finalTokenRank) {

        public Stage {
            top = List.copyOf(top);
        }
    }

    public LogitLens {
        tokenTexts = List.copyOf(tokenTexts);
        stages = List.copyOf(stages);
    }

    /** From the lens logits [stages][V] of {@code Gpt#logitLens}, at temperature 1 and without filtering. */
    static LogitLens of(List<String> tokenTexts, float[][] logits, Tokenizer tokenizer) {
        double[][] p = new double[logits.length][];
        for (int s = 0; s < logits.length; s++) {
            p[s] = Sampler.probabilities(logits[s], SamplingOptions.unfiltered());
        }
        int finalToken = Sampler.byDescendingProbability(p[p.length - 1])[0];
        List<Stage> stages = new ArrayList<>(logits.length);
        for (int s = 0; s < logits.length; s++) {
            Integer[] order = Sampler.byDescendingProbability(p[s]);
            List<TokenProbability> top = new ArrayList<>(TOP);
            int rank = 0;
            for (int i = 0; i < order.length; i++) {
                if (i < TOP) {
                    top.add(new TokenProbability(order[i], tokenizer.tokenText(order[i]), p[s][order[i]]));
                }
                if (order[i] == finalToken) {
                    rank = i + 1;
                }
            }
            stages.add(new Stage(s, s == 0 ? "embedding" : "block " + s, top, finalToken, p[s][finalToken], rank));
        }
        return new LogitLens(tokenTexts, stages);
    }
}

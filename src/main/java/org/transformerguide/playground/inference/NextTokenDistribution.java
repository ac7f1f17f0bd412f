package org.transformerguide.playground.inference;

import java.util.ArrayList;
import java.util.List;
import org.transformerguide.playground.tokenizer.Tokenizer;

/**
 * What the model would say next, for a slider that redraws it live: the most likely tokens after
 * filtering and the entropy of the filtered distribution (0 bits = certain; log₂ V = no idea).
 *
 * @param top         the most likely tokens (at most {@link #TOP}), most likely first; only tokens that
 *                    survived filtering (probability > 0)
 * @param entropyBits entropy of the whole filtered distribution, not just of {@code top}
 * @param candidates  how many tokens have a non-zero probability after filtering
 * @param vocabSize   how many tokens the model knows: the largest useful top-k, for a slider's range
 */
public record NextTokenDistribution(List<TokenProbability> top, double entropyBits, int candidates, int vocabSize) {

    public static final int TOP = 20;

    /** One candidate next token. */
    public record TokenProbability(int id, String text, double probability) {
    }

    public NextTokenDistribution {
        top = List.copyOf(top);
    }

    /** Summarizes a filtered distribution [V] (from {@link Sampler#probabilities}). */
    public static NextTokenDistribution of(double[] probabilities, Tokenizer tokenizer) {
        Integer[] order = Sampler.byDescendingProbability(probabilities);
        List<TokenProbability> top = new ArrayList<>(TOP);
        int candidates = 0;
        for (int i = 0; i < order.length && probabilities[order[i]] > 0; i++) {
            candidates++;
            if (top.size() < TOP) {
                top.add(new TokenProbability(order[i], tokenizer.tokenText(order[i]), probabilities[order[i]]));
            }
        }
        return new NextTokenDistribution(top, Sampler.entropyBits(probabilities), candidates, probabilities.length);
    }
}

package org.transformerguide.playground.inference;

/**
 * How the next token is chosen from the model's logits.
 *
 * @param temperature 0 = greedy (always the most likely token); otherwise logits are divided by it before
 *                    the softmax: below 1 sharpens, above 1 flattens. 0 to 5.
 * @param topK        keep only the k most likely tokens; 0 = no limit
 * @param topP        nucleus sampling: keep the smallest set of most likely tokens whose probability mass
 *                    is at least p; 1 = no limit. In (0, 1].
 */
public record SamplingOptions(double temperature, int topK, double topP) {

    public static final double MAX_TEMPERATURE = 5.0;

    public SamplingOptions {
        if (!(temperature >= 0 && temperature <= MAX_TEMPERATURE)) {
            throw new IllegalArgumentException("temperature must be in [0, " + MAX_TEMPERATURE + "], not " + temperature);
        }
        if (topK < 0) {
            throw new IllegalArgumentException("topK must be ≥ 0 (0 = no limit), not " + topK);
        }
        if (!(topP > 0 && topP <= 1)) {
            throw new IllegalArgumentException("topP must be in (0, 1], not " + topP);
        }
    }

    /** Plain sampling from the model's distribution: temperature 1, no top-k, no top-p. */
    public static SamplingOptions unfiltered() {
        return new SamplingOptions(1.0, 0, 1.0);
    }

    /** Always the most likely token. */
    public static SamplingOptions greedy() {
        return new SamplingOptions(0.0, 0, 1.0);
    }
}

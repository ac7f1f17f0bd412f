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
        check(temperature, topK == 0 ? null : topK, topP);
    }

    /**
     * The one place the bounds are checked (the API calls it before it looks at the model, so a bad
     * request is a 400 even while the model trains): {@code topK} null or 0 means no limit.
     *
     * @throws OutOfBounds naming the parameter
     */
    public static void check(double temperature, Integer topK, double topP) {
        if (!(temperature >= 0 && temperature <= MAX_TEMPERATURE)) {
            throw new OutOfBounds("temperature", "temperature must be 0 to " + MAX_TEMPERATURE + ", not " + temperature);
        }
        if (topK != null && topK < 1) {
            throw new OutOfBounds("topK", "topK must be at least 1, not " + topK);
        }
        if (!(topP > 0 && topP <= 1)) {
            throw new OutOfBounds("topP", "topP must be in (0, 1], not " + topP);
        }
    }

    /** Options for a model with {@code vocabSize} tokens: top-k may not exceed it; null top-k = no limit. */
    public static SamplingOptions forVocabulary(double temperature, Integer topK, double topP, int vocabSize) {
        if (topK != null && (topK < 1 || topK > vocabSize)) {
            throw new OutOfBounds("topK", "topK must be 1 to " + vocabSize + " (the vocabulary), not " + topK);
        }
        return new SamplingOptions(temperature, topK == null ? 0 : topK, topP);
    }

    /** A sampling parameter outside its bounds; {@link #parameter()} names it. */
    public static final class OutOfBounds extends IllegalArgumentException {
        private final String parameter;

        OutOfBounds(String parameter, String message) {
            super(message);
            this.parameter = parameter;
        }

        public String parameter() {
            return parameter;
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

package org.transformerguide.playground.train;

import org.transformerguide.playground.model.Gpt;

/**
 * The loss on held-out text, measured over the text itself rather than on random windows: the tokens
 * are cut into consecutive windows of T inputs (each predicts the next T tokens, so every token but
 * the first is predicted exactly once), run in batches in inference mode, and the losses are summed.
 * Two figures come out: the mean loss per predicted token (nats), and bits per character, the total
 * divided by the text's characters and by ln 2, which compares models whose tokenizers differ
 * (transformers_math.md §9). Windows start with no context, so both are a little above what the model
 * achieves with a full context.
 *
 * <p>A text longer than {@code maxWindows} windows is sampled: that many windows spaced evenly over it,
 * the characters then counted in proportion to the tokens measured (so custom corpora of any size keep
 * evaluations short).
 */
public final class HeldOutLoss {

    private HeldOutLoss() {
    }

    /**
     * @param nats        summed loss over the predicted tokens
     * @param tokens      tokens predicted
     * @param characters  characters those tokens cover
     */
    public record Result(double nats, long tokens, double characters) {

        public double lossPerToken() {
            return nats / tokens;
        }

        public double bitsPerCharacter() {
            return nats / characters / Math.log(2);
        }
    }

    /**
     * Measures {@code model} on {@code tokens}, the encoding of a text of {@code characters} characters,
     * with windows of {@code time} tokens, {@code batch} windows per forward pass. Leaves the model in
     * inference mode.
     */
    public static Result measure(Gpt model, int[] tokens, long characters, int time, int batch, int maxWindows) {
        if (tokens.length < 2) {
            throw new IllegalArgumentException("Need at least 2 held-out tokens, have " + tokens.length);
        }
        model.train(false);
        int predicted = tokens.length - 1;
        int fullWindows = predicted / time;
        int rest = predicted % time;
        int windows = Math.min(fullWindows, maxWindows);
        double stride = windows == 0 ? 0 : (double) fullWindows / windows; // 1 when the whole text is measured
        double nats = 0;
        long measured = 0;
        for (int first = 0; first < windows; first += batch) {
            int rows = Math.min(batch, windows - first);
            int[][] inputs = new int[rows][time];
            int[][] targets = new int[rows][time];
            for (int b = 0; b < rows; b++) {
                int start = (int) ((first + b) * stride) * time;
                System.arraycopy(tokens, start, inputs[b], 0, time);
                System.arraycopy(tokens, start + 1, targets[b], 0, time);
            }
            model.forward(inputs);
            nats += model.loss(targets) * rows * time; // the mean over B·T positions, back to a sum
            measured += (long) rows * time;
        }
        if (rest > 0 && windows == fullWindows) {      // the tail, when the whole text is measured
            int start = fullWindows * time;
            int[][] inputs = {java.util.Arrays.copyOfRange(tokens, start, start + rest)};
            int[][] targets = {java.util.Arrays.copyOfRange(tokens, start + 1, start + rest + 1)};
            model.forward(inputs);
            nats += model.loss(targets) * rest;
            measured += rest;
        }
        return new Result(nats, measured, (double) characters * measured / predicted);
    }
}

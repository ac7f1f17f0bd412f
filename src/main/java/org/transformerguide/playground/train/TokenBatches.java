package org.transformerguide.playground.train;

import java.util.Random;

/**
 * Random training windows from a token stream, nanoGPT's get_batch: each of B rows starts at a random
 * offset i, inputs are tokens[i, i + T) and targets tokens[i + 1, i + T + 1), the same text shifted by one.
 */
public final class TokenBatches {

    private final int[] tokens;
    private final Random random;

    public TokenBatches(int[] tokens, long seed) {
        this.tokens = tokens;
        this.random = new Random(seed);
    }

    /** One batch: inputs [B][T] and targets [B][T]. */
    public Batch next(int batch, int time) {
        if (tokens.length < time + 1) {
            throw new IllegalArgumentException("Need at least " + (time + 1) + " tokens, have " + tokens.length);
        }
        int[][] inputs = new int[batch][time];
        int[][] targets = new int[batch][time];
        for (int b = 0; b < batch; b++) {
            int start = random.nextInt(tokens.length - time);
            System.arraycopy(tokens, start, inputs[b], 0, time);
            System.arraycopy(tokens, start + 1, targets[b], 0, time);
        }
        return new Batch(inputs, targets);
    }

    public record Batch(int[][] inputs, int[][] targets) {
    }
}

package org.transformerguide.playground.model;

import java.util.SplittableRandom;

/**
 * Inverted dropout (transformers_math.md, regularization): in training each element is kept with
 * probability 1 − p and scaled by 1/(1 − p), so its expected value is unchanged and inference needs no
 * rescaling. The model draws a mask of 0 and 1/(1 − p) per place and pass; the backward pass multiplies
 * by the same mask.
 *
 * <p>A mask comes from its own seed (the pass's seed mixed with the place, and for attention with the
 * sequence and head), so it is the same whichever thread fills it and however the heads are shared out,
 * and a gradient check can draw the same masks again. Each element uses 16 random bits, four per
 * {@code nextLong}: p is rounded to a multiple of 1/65536 and the scale uses the rounded value, so the
 * expectation stays exact while the attention masks (B·H·T² per layer) stay a small share of a step.
 */
final class Dropout {

    private static final int LEVELS = 1 << 16;

    private final int threshold; // drop an element when its 16 random bits are below this
    private final float scale;   // 1 / (1 − p), p as rounded

    Dropout(double probability) {
        threshold = (int) Math.round(probability * LEVELS);
        scale = (float) ((double) LEVELS / (LEVELS - threshold));
    }

    boolean active() {
        return threshold > 0;
    }

    /** mask[off .. off + n) = 0 (dropped) or 1/(1 − p) (kept), from {@code seed}. */
    void fill(long seed, float[] mask, int off, int n) {
        SplittableRandom random = new SplittableRandom(seed);
        long bits = 0;
        for (int i = 0; i < n; i++) {
            if ((i & 3) == 0) {
                bits = random.nextLong();
            }
            int draw = (int) (bits & 0xFFFF);
            bits >>>= 16;
            mask[off + i] = draw < threshold ? 0f : scale;
        }
    }

    /** A seed for one place of one pass: a SplitMix-style mix, so nearby inputs give unrelated streams. */
    static long mix(long a, long b) {
        long z = a * 0x9E3779B97F4A7C15L + b;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** x[off .. off + n) ⊙= mask[off ..]. */
    static void apply(float[] x, int xOff, float[] mask, int mOff, int n) {
        for (int i = 0; i < n; i++) {
            x[xOff + i] *= mask[mOff + i];
        }
    }
}

package org.transformerguide.playground.train;

/**
 * nanoGPT's learning-rate schedule (get_lr in train.py): linear warm-up over the first
 * {@code warmup} iterations, then cosine decay from {@code peak} to {@code min} at iteration
 * {@code decayEnd}, and {@code min} after that. Iterations count from 0, as in nanoGPT.
 */
public record CosineSchedule(double peak, double min, int warmup, int decayEnd) {

    public CosineSchedule {
        if (!(peak > 0) || min < 0 || min > peak || warmup < 0 || decayEnd <= warmup) {
            throw new IllegalArgumentException("Need peak > 0, 0 ≤ min ≤ peak and 0 ≤ warmup < decayEnd");
        }
    }

    /** The rate for iteration {@code it} (0-based). */
    public double at(int it) {
        if (it < warmup) {
            return peak * (it + 1) / (warmup + 1);
        }
        if (it > decayEnd) {
            return min;
        }
        double progress = (double) (it - warmup) / (decayEnd - warmup);
        return min + 0.5 * (1 + Math.cos(Math.PI * progress)) * (peak - min);
    }
}

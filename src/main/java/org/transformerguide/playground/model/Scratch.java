package org.transformerguide.playground.model;

/**
 * Per-pass scratch space shared by the layers of one model state: a transposed weight for the backward
 * products, and per-thread buffers for the attention heads (split between threads).
 */
final class Scratch {

    final float[] weightT;   // Wᵀ of the largest weight [4C·C]
    final float[][] keysT;   // per thread: one head's Kᵀ (or Vᵀ) [hs, T]
    final float[][] square;  // per thread: one head's dP / dS [T, T]
    final float[][] columnSums; // per thread: partial column sums, e.g. a LayerNorm's dγ and dβ [2C]

    Scratch(GptConfig config, int threads, boolean training) {
        int c = config.nEmbd();
        int t = config.blockSize();
        weightT = training ? new float[4 * c * c] : new float[0];
        keysT = new float[threads][config.headSize() * t];
        square = new float[threads][training ? t * t : 0];
        columnSums = new float[threads][training ? 2 * c : 0];
    }
}

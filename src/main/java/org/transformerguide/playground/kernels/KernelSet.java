package org.transformerguide.playground.kernels;

/**
 * The arithmetic the transformer runs on, over plain {@code float[]} arrays with offsets (row-major
 * matrices with a leading dimension, as in BLAS). Two implementations compute the same numbers: one with
 * Java's Vector API (SIMD lanes, {@code jdk.incubator.vector}) and a scalar fallback for a JVM started
 * without that module. {@link Kernels} picks one; the model never names either.
 */
interface KernelSet {

    /**
     * C = op(A) B (or C += op(A) B when {@code accumulate}), C [m, n], B [k, n]; op(A) is A [m, k] or,
     * with {@code transposeA}, Aᵀ for A stored [k, m]. {@code lda}, {@code ldb}, {@code ldc}: distance
     * between consecutive rows of each stored matrix, so sub-matrices (one head's columns) need no copy.
     */
    void gemm(boolean transposeA, int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
              float[] c, int cOff, int ldc, boolean accumulate);

    /** Columns per panel of a {@link PackedMatrix}, or 0 when {@link #gemmPacked} reads B as stored. */
    default int panelWidth() {
        return 0;
    }

    /** C (+)= A B, A [m, k] by rows, B from {@link Kernels#pack}: the same numbers as {@link #gemm}. */
    default void gemmPacked(int m, float[] a, int aOff, int lda, PackedMatrix b, float[] c, int cOff, int ldc, boolean accumulate) {
        gemm(false, m, b.n, b.k, a, aOff, lda, b.source, b.sourceOff, b.ldb, c, cOff, ldc, accumulate);
    }

    /** Σ a[i]·b[i] over n elements. */
    float dot(float[] a, int aOff, float[] b, int bOff, int n);

    /**
     * C [m, n] = A Bᵀ for A [m, k] and B [n, k], both stored by rows: every entry is {@link #dot} of a row
     * of A with a row of B, with exactly its rounding, so a row's results do not depend on m (the tied
     * head, logits = h wteᵀ, for one sequence or for a batch of them).
     */
    default void dots(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                c[cOff + i * ldc + j] = dot(a, aOff + i * lda, b, bOff + j * ldb, k);
            }
        }
    }

    /** y += α x over n elements. */
    void axpy(float alpha, float[] x, int xOff, float[] y, int yOff, int n);

    /**
     * LayerNorm of one row: out = γ ⊙ (x − μ) / √(σ² + ε) + β over n channels (σ² the biased variance).
     * Writes μ to stats[sOff] and 1/√(σ² + ε) to stats[sOff + 1] for the backward pass.
     */
    void layerNorm(float[] x, int xOff, float[] gamma, int gOff, float[] beta, int bOff, float[] out, int outOff, int n,
                   float epsilon, float[] stats, int sOff);

    /**
     * The backward pass of {@link #layerNorm} for one row: dγ += dy ⊙ x̂, dβ += dy, and
     * dx += (1/s)(ĝ − mean(ĝ) − x̂ ⊙ mean(ĝ ⊙ x̂)) with ĝ = dy ⊙ γ, x̂ recomputed from μ and 1/s.
     */
    void layerNormBackward(float[] dy, int dyOff, float[] x, int xOff, float mean, float rstd, float[] gamma, int gOff,
                           float[] dGamma, int dgOff, float[] dBeta, int dbOff, float[] dx, int dxOff, int n);

    /** out = GELU(x) = x Φ(x) over n elements, with {@link Erf}'s float erf. */
    void gelu(float[] x, int xOff, float[] out, int outOff, int n);

    /** d ← d ⊙ GELU'(x) = d ⊙ (Φ(x) + x φ(x)) over n elements. */
    void geluBackward(float[] x, int xOff, float[] d, int dOff, int n);

    /** Row in place to softmax(row · scale) over its first n entries (the maximum subtracted first). */
    void softmax(float[] row, int off, int n, float scale);

    /** Largest of n elements. */
    float max(float[] x, int off, int n);
}

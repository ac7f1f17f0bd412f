package org.transformerguide.playground.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API's dot products ({@link VectorKernels} hands them here): one, and A Bᵀ for rows of A
 * against rows of B (the tied head, logits = h wteᵀ), each entry with exactly the rounding of one dot.
 */
final class VectorDots {

    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final int L = F.length();

    private VectorDots() {
    }

    static float dot(float[] a, int aOff, float[] b, int bOff, int n) {
        FloatVector acc = FloatVector.zero(F);
        int i = 0;
        for (; i + L <= n; i += L) {
            acc = FloatVector.fromArray(F, a, aOff + i).fma(FloatVector.fromArray(F, b, bOff + i), acc);
        }
        float sum = acc.reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            sum += a[aOff + i] * b[bOff + i];
        }
        return sum;
    }

    /**
     * Blocks of 4 rows of A by 4 rows of B: 16 lane accumulators, so each vector loaded serves four
     * multiply-adds and B's rows are read once per block of A rows instead of once per row (the head's B
     * is the whole token embedding, 786 kB at V = 1024, C = 192). Each accumulator sees the same
     * multiply-adds in the same order as {@link #dot}, then the same lane sum and scalar tail.
     */
    static void dots(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float[] c, int cOff, int ldc) {
        int fullK = k - k % L;
        int j = 0;
        for (; j + 4 <= n; j += 4) {
            int b0 = bOff + j * ldb, b1 = b0 + ldb, b2 = b1 + ldb, b3 = b2 + ldb;
            int i = 0;
            for (; i + 4 <= m; i += 4) {
                int a0 = aOff + i * lda, a1 = a0 + lda, a2 = a1 + lda, a3 = a2 + lda;
                FloatVector c00 = FloatVector.zero(F), c01 = c00, c02 = c00, c03 = c00;
                FloatVector c10 = c00, c11 = c00, c12 = c00, c13 = c00;
                FloatVector c20 = c00, c21 = c00, c22 = c00, c23 = c00;
                FloatVector c30 = c00, c31 = c00, c32 = c00, c33 = c00;
                for (int p = 0; p < fullK; p += L) {
                    FloatVector w0 = FloatVector.fromArray(F, b, b0 + p);
                    FloatVector w1 = FloatVector.fromArray(F, b, b1 + p);
                    FloatVector w2 = FloatVector.fromArray(F, b, b2 + p);
                    FloatVector w3 = FloatVector.fromArray(F, b, b3 + p);
                    FloatVector x = FloatVector.fromArray(F, a, a0 + p);
                    c00 = x.fma(w0, c00); c01 = x.fma(w1, c01); c02 = x.fma(w2, c02); c03 = x.fma(w3, c03);
                    x = FloatVector.fromArray(F, a, a1 + p);
                    c10 = x.fma(w0, c10); c11 = x.fma(w1, c11); c12 = x.fma(w2, c12); c13 = x.fma(w3, c13);
                    x = FloatVector.fromArray(F, a, a2 + p);
                    c20 = x.fma(w0, c20); c21 = x.fma(w1, c21); c22 = x.fma(w2, c22); c23 = x.fma(w3, c23);
                    x = FloatVector.fromArray(F, a, a3 + p);
                    c30 = x.fma(w0, c30); c31 = x.fma(w1, c31); c32 = x.fma(w2, c32); c33 = x.fma(w3, c33);
                }
                int r0 = cOff + i * ldc + j, r1 = r0 + ldc, r2 = r1 + ldc, r3 = r2 + ldc;
                c[r0] = tail(c00.reduceLanes(VectorOperators.ADD), a, a0, b, b0, fullK, k); c[r0 + 1] = tail(c01.reduceLanes(VectorOperators.ADD), a, a0, b, b1, fullK, k);
                c[r0 + 2] = tail(c02.reduceLanes(VectorOperators.ADD), a, a0, b, b2, fullK, k); c[r0 + 3] = tail(c03.reduceLanes(VectorOperators.ADD), a, a0, b, b3, fullK, k);
                c[r1] = tail(c10.reduceLanes(VectorOperators.ADD), a, a1, b, b0, fullK, k); c[r1 + 1] = tail(c11.reduceLanes(VectorOperators.ADD), a, a1, b, b1, fullK, k);
                c[r1 + 2] = tail(c12.reduceLanes(VectorOperators.ADD), a, a1, b, b2, fullK, k); c[r1 + 3] = tail(c13.reduceLanes(VectorOperators.ADD), a, a1, b, b3, fullK, k);
                c[r2] = tail(c20.reduceLanes(VectorOperators.ADD), a, a2, b, b0, fullK, k); c[r2 + 1] = tail(c21.reduceLanes(VectorOperators.ADD), a, a2, b, b1, fullK, k);
                c[r2 + 2] = tail(c22.reduceLanes(VectorOperators.ADD), a, a2, b, b2, fullK, k); c[r2 + 3] = tail(c23.reduceLanes(VectorOperators.ADD), a, a2, b, b3, fullK, k);
                c[r3] = tail(c30.reduceLanes(VectorOperators.ADD), a, a3, b, b0, fullK, k); c[r3 + 1] = tail(c31.reduceLanes(VectorOperators.ADD), a, a3, b, b1, fullK, k);
                c[r3 + 2] = tail(c32.reduceLanes(VectorOperators.ADD), a, a3, b, b2, fullK, k); c[r3 + 3] = tail(c33.reduceLanes(VectorOperators.ADD), a, a3, b, b3, fullK, k);
            }
            for (; i < m; i++) {                                   // the last rows of A, one at a time
                for (int jj = j; jj < j + 4; jj++) {
                    c[cOff + i * ldc + jj] = dot(a, aOff + i * lda, b, bOff + jj * ldb, k);
                }
            }
        }
        for (; j < n; j++) {                                       // the last rows of B
            for (int i = 0; i < m; i++) {
                c[cOff + i * ldc + j] = dot(a, aOff + i * lda, b, bOff + j * ldb, k);
            }
        }
    }

    /**
     * The end of {@link #dot} after its lane sum: the products past the last whole vector. (It takes the
     * sum, not the vector: a vector passed to a call that is not inlined is boxed.)
     */
    private static float tail(float sum, float[] a, int aStart, float[] b, int bStart, int from, int k) {
        for (int p = from; p < k; p++) {
            sum += a[aStart + p] * b[bStart + p];
        }
        return sum;
    }
}

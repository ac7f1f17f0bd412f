package org.transformerguide.playground.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API's matrix products ({@link VectorKernels} hands them here): the one that matters keeps a
 * 6 x 2-vector block of C in registers (12 accumulators, enough independent fused multiply-adds to fill
 * both FMA units) while it walks the shared dimension, loading two vectors of a B row and broadcasting one
 * A value per C row. On the development machine that reaches ~150 GFLOP/s on one core for
 * [768,128]x[128,384], where the same loop without the register block reaches ~25 and ND4J's oneDNN sgemm
 * ~64 (KernelBench prints both).
 *
 * <p>Every kernel sums each element of C over the shared dimension in order, one fused multiply-add per
 * term, whichever block computes it: a row's result does not depend on how many rows the product has, so
 * a stream in a batch gets the bits it gets alone.
 */
final class VectorGemm {

    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final int L = F.length();
    private static final int ROWS = 6;
    private static final int K_BLOCK = 256;

    private VectorGemm() {
    }

    static void gemm(boolean transposeA, int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                     float[] c, int cOff, int ldc, boolean accumulate) {
        int aRow = transposeA ? 1 : lda;
        int aCol = transposeA ? lda : 1;
        int fullCols = n - n % (2 * L);
        // Blocks of the shared dimension, so the 2-vector-wide panel of B a block walks stays in the L1
        // cache while every block of six A rows passes over it (without this a long k, as in dW = xᵀ dy
        // with k = B·T rows, streams B from L2 for each block and runs at half the speed).
        for (int p0 = 0; p0 < k; p0 += K_BLOCK) {
            int kc = Math.min(K_BLOCK, k - p0);
            boolean add = accumulate || p0 > 0;
            int aStart = aOff + p0 * aCol;
            int bStart = bOff + p0 * ldb;
            int blockRows = m - m % ROWS;
            for (int j = 0; j < fullCols; j += 2 * L) {
                for (int i = 0; i < blockRows; i += ROWS) {
                    block6x2(i, j, kc, a, aStart, aRow, aCol, b, bStart, ldb, c, cOff, ldc, add);
                }
            }
            // The rows left over (all of them for a single token): pairs four vectors wide and a last
            // row eight wide, so eight independent multiply-add chains hide the FMA latency that two
            // chains (1 x 2) wait on, and a pair reads its panel of B once for both rows.
            int i = blockRows;
            for (; i + 2 <= m; i += 2) {
                int j = 0;
                for (; j + 4 * L <= fullCols; j += 4 * L) {
                    block2x4(i, j, kc, a, aStart, aRow, aCol, b, bStart, ldb, c, cOff, ldc, add);
                }
                for (; j < fullCols; j += 2 * L) {
                    block1x2(i, j, kc, a, aStart, aRow, aCol, b, bStart, ldb, c, cOff, ldc, add);
                    block1x2(i + 1, j, kc, a, aStart, aRow, aCol, b, bStart, ldb, c, cOff, ldc, add);
                }
            }
            for (; i < m; i++) {
                int j = 0;
                for (; j + 8 * L <= fullCols; j += 8 * L) {
                    block1x8(i, j, kc, a, aStart, aRow, aCol, b, bStart, ldb, c, cOff, ldc, add);
                }
                for (; j + 4 * L <= fullCols; j += 4 * L) {       // e.g. a query's scores over 64 cached keys
                    block1x4(i, j, kc, a, aStart, aRow, aCol, b, bStart, ldb, c, cOff, ldc, add);
                }
                for (; j < fullCols; j += 2 * L) {
                    block1x2(i, j, kc, a, aStart, aRow, aCol, b, bStart, ldb, c, cOff, ldc, add);
                }
            }
        }
        int j = fullCols;
        if (j + L <= n) {                              // one more whole vector of columns
            for (int r = 0; r < m; r++) {
                int ci = cOff + r * ldc + j;
                FloatVector acc = accumulate ? FloatVector.fromArray(F, c, ci) : FloatVector.zero(F);
                int ai = aOff + r * aRow;
                for (int p = 0; p < k; p++) {
                    acc = FloatVector.broadcast(F, a[ai + p * aCol]).fma(FloatVector.fromArray(F, b, bOff + p * ldb + j), acc);
                }
                acc.intoArray(c, ci);
            }
            j += L;
        }
        if (j < n) {                                   // the last few columns: plain loops (masked vector
            for (int r = 0; r < m; r++) {              // loads and stores are not compiled well in Java 17)
                int ci = cOff + r * ldc;
                int ai = aOff + r * aRow;
                for (int col = j; col < n; col++) {
                    float sum = accumulate ? c[ci + col] : 0f;
                    for (int p = 0; p < k; p++) {
                        sum = Math.fma(a[ai + p * aCol], b[bOff + p * ldb + col], sum); // as the vector lanes do
                    }
                    c[ci + col] = sum;
                }
            }
        }
    }

    /** C[i..i+6, j..j+2L) (+)= op(A)[i..i+6, :] B[:, j..j+2L), accumulators in registers. */
    private static void block6x2(int i, int j, int k, float[] a, int aOff, int aRow, int aCol, float[] b, int bOff, int ldb,
                                 float[] c, int cOff, int ldc, boolean accumulate) {
        int c0 = cOff + i * ldc + j;
        FloatVector c00, c01, c10, c11, c20, c21, c30, c31, c40, c41, c50, c51;
        if (accumulate) {
            c00 = FloatVector.fromArray(F, c, c0);
            c01 = FloatVector.fromArray(F, c, c0 + L);
            c10 = FloatVector.fromArray(F, c, c0 + ldc);
            c11 = FloatVector.fromArray(F, c, c0 + ldc + L);
            c20 = FloatVector.fromArray(F, c, c0 + 2 * ldc);
            c21 = FloatVector.fromArray(F, c, c0 + 2 * ldc + L);
            c30 = FloatVector.fromArray(F, c, c0 + 3 * ldc);
            c31 = FloatVector.fromArray(F, c, c0 + 3 * ldc + L);
            c40 = FloatVector.fromArray(F, c, c0 + 4 * ldc);
            c41 = FloatVector.fromArray(F, c, c0 + 4 * ldc + L);
            c50 = FloatVector.fromArray(F, c, c0 + 5 * ldc);
            c51 = FloatVector.fromArray(F, c, c0 + 5 * ldc + L);
        } else {
            c00 = c01 = c10 = c11 = c20 = c21 = c30 = c31 = c40 = c41 = c50 = c51 = FloatVector.zero(F);
        }
        int a0 = aOff + i * aRow;
        for (int p = 0; p < k; p++) {
            int bp = bOff + p * ldb + j;
            FloatVector b0 = FloatVector.fromArray(F, b, bp);
            FloatVector b1 = FloatVector.fromArray(F, b, bp + L);
            int ap = a0 + p * aCol;
            FloatVector x = FloatVector.broadcast(F, a[ap]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(F, a[ap + aRow]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(F, a[ap + 2 * aRow]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(F, a[ap + 3 * aRow]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(F, a[ap + 4 * aRow]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(F, a[ap + 5 * aRow]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
        }
        c00.intoArray(c, c0);
        c01.intoArray(c, c0 + L);
        c10.intoArray(c, c0 + ldc);
        c11.intoArray(c, c0 + ldc + L);
        c20.intoArray(c, c0 + 2 * ldc);
        c21.intoArray(c, c0 + 2 * ldc + L);
        c30.intoArray(c, c0 + 3 * ldc);
        c31.intoArray(c, c0 + 3 * ldc + L);
        c40.intoArray(c, c0 + 4 * ldc);
        c41.intoArray(c, c0 + 4 * ldc + L);
        c50.intoArray(c, c0 + 5 * ldc);
        c51.intoArray(c, c0 + 5 * ldc + L);
    }

    /**
     * One row of C, two vectors wide: the rows left over after the blocks of six, and a single token's
     * products. Each element is summed over p in order with one fused multiply-add per term, exactly as
     * in {@link #block6x2}, so a row's result does not depend on which block computed it (a stream in a
     * batch gets the bits it gets alone).
     */
    private static void block1x2(int i, int j, int k, float[] a, int aOff, int aRow, int aCol, float[] b, int bOff, int ldb,
                                 float[] c, int cOff, int ldc, boolean accumulate) {
        int c0 = cOff + i * ldc + j;
        FloatVector acc0 = accumulate ? FloatVector.fromArray(F, c, c0) : FloatVector.zero(F);
        FloatVector acc1 = accumulate ? FloatVector.fromArray(F, c, c0 + L) : FloatVector.zero(F);
        int a0 = aOff + i * aRow;
        for (int p = 0; p < k; p++) {
            int bp = bOff + p * ldb + j;
            FloatVector x = FloatVector.broadcast(F, a[a0 + p * aCol]);
            acc0 = x.fma(FloatVector.fromArray(F, b, bp), acc0);
            acc1 = x.fma(FloatVector.fromArray(F, b, bp + L), acc1);
        }
        acc0.intoArray(c, c0);
        acc1.intoArray(c, c0 + L);
    }

    /** Two rows of C, four vectors wide: the same sums, in the same order, as {@link #block1x2}. */
    private static void block2x4(int i, int j, int k, float[] a, int aOff, int aRow, int aCol, float[] b, int bOff, int ldb,
                                 float[] c, int cOff, int ldc, boolean accumulate) {
        int c0 = cOff + i * ldc + j;
        int c1 = c0 + ldc;
        FloatVector r00, r01, r02, r03, r10, r11, r12, r13;
        if (accumulate) {
            r00 = FloatVector.fromArray(F, c, c0);
            r01 = FloatVector.fromArray(F, c, c0 + L);
            r02 = FloatVector.fromArray(F, c, c0 + 2 * L);
            r03 = FloatVector.fromArray(F, c, c0 + 3 * L);
            r10 = FloatVector.fromArray(F, c, c1);
            r11 = FloatVector.fromArray(F, c, c1 + L);
            r12 = FloatVector.fromArray(F, c, c1 + 2 * L);
            r13 = FloatVector.fromArray(F, c, c1 + 3 * L);
        } else {
            r00 = r01 = r02 = r03 = r10 = r11 = r12 = r13 = FloatVector.zero(F);
        }
        int a0 = aOff + i * aRow;
        for (int p = 0; p < k; p++) {
            int bp = bOff + p * ldb + j;
            FloatVector b0 = FloatVector.fromArray(F, b, bp);
            FloatVector b1 = FloatVector.fromArray(F, b, bp + L);
            FloatVector b2 = FloatVector.fromArray(F, b, bp + 2 * L);
            FloatVector b3 = FloatVector.fromArray(F, b, bp + 3 * L);
            int ap = a0 + p * aCol;
            FloatVector x = FloatVector.broadcast(F, a[ap]);
            r00 = x.fma(b0, r00);
            r01 = x.fma(b1, r01);
            r02 = x.fma(b2, r02);
            r03 = x.fma(b3, r03);
            x = FloatVector.broadcast(F, a[ap + aRow]);
            r10 = x.fma(b0, r10);
            r11 = x.fma(b1, r11);
            r12 = x.fma(b2, r12);
            r13 = x.fma(b3, r13);
        }
        r00.intoArray(c, c0);
        r01.intoArray(c, c0 + L);
        r02.intoArray(c, c0 + 2 * L);
        r03.intoArray(c, c0 + 3 * L);
        r10.intoArray(c, c1);
        r11.intoArray(c, c1 + L);
        r12.intoArray(c, c1 + 2 * L);
        r13.intoArray(c, c1 + 3 * L);
    }

    /** One row of C, four vectors wide: the same sums, in the same order, as {@link #block1x2}. */
    private static void block1x4(int i, int j, int k, float[] a, int aOff, int aRow, int aCol, float[] b, int bOff, int ldb,
                                 float[] c, int cOff, int ldc, boolean accumulate) {
        int c0 = cOff + i * ldc + j;
        FloatVector acc0, acc1, acc2, acc3;
        if (accumulate) {
            acc0 = FloatVector.fromArray(F, c, c0);
            acc1 = FloatVector.fromArray(F, c, c0 + L);
            acc2 = FloatVector.fromArray(F, c, c0 + 2 * L);
            acc3 = FloatVector.fromArray(F, c, c0 + 3 * L);
        } else {
            acc0 = acc1 = acc2 = acc3 = FloatVector.zero(F);
        }
        int a0 = aOff + i * aRow;
        for (int p = 0; p < k; p++) {
            int bp = bOff + p * ldb + j;
            FloatVector x = FloatVector.broadcast(F, a[a0 + p * aCol]);
            acc0 = x.fma(FloatVector.fromArray(F, b, bp), acc0);
            acc1 = x.fma(FloatVector.fromArray(F, b, bp + L), acc1);
            acc2 = x.fma(FloatVector.fromArray(F, b, bp + 2 * L), acc2);
            acc3 = x.fma(FloatVector.fromArray(F, b, bp + 3 * L), acc3);
        }
        acc0.intoArray(c, c0);
        acc1.intoArray(c, c0 + L);
        acc2.intoArray(c, c0 + 2 * L);
        acc3.intoArray(c, c0 + 3 * L);
    }

    /** One row of C, eight vectors wide: the same sums, in the same order, as {@link #block1x2}. */
    private static void block1x8(int i, int j, int k, float[] a, int aOff, int aRow, int aCol, float[] b, int bOff, int ldb,
                                 float[] c, int cOff, int ldc, boolean accumulate) {
        int c0 = cOff + i * ldc + j;
        FloatVector acc0, acc1, acc2, acc3, acc4, acc5, acc6, acc7;
        if (accumulate) {
            acc0 = FloatVector.fromArray(F, c, c0);
            acc1 = FloatVector.fromArray(F, c, c0 + L);
            acc2 = FloatVector.fromArray(F, c, c0 + 2 * L);
            acc3 = FloatVector.fromArray(F, c, c0 + 3 * L);
            acc4 = FloatVector.fromArray(F, c, c0 + 4 * L);
            acc5 = FloatVector.fromArray(F, c, c0 + 5 * L);
            acc6 = FloatVector.fromArray(F, c, c0 + 6 * L);
            acc7 = FloatVector.fromArray(F, c, c0 + 7 * L);
        } else {
            acc0 = acc1 = acc2 = acc3 = acc4 = acc5 = acc6 = acc7 = FloatVector.zero(F);
        }
        int a0 = aOff + i * aRow;
        for (int p = 0; p < k; p++) {
            int bp = bOff + p * ldb + j;
            FloatVector x = FloatVector.broadcast(F, a[a0 + p * aCol]);
            acc0 = x.fma(FloatVector.fromArray(F, b, bp), acc0);
            acc1 = x.fma(FloatVector.fromArray(F, b, bp + L), acc1);
            acc2 = x.fma(FloatVector.fromArray(F, b, bp + 2 * L), acc2);
            acc3 = x.fma(FloatVector.fromArray(F, b, bp + 3 * L), acc3);
            acc4 = x.fma(FloatVector.fromArray(F, b, bp + 4 * L), acc4);
            acc5 = x.fma(FloatVector.fromArray(F, b, bp + 5 * L), acc5);
            acc6 = x.fma(FloatVector.fromArray(F, b, bp + 6 * L), acc6);
            acc7 = x.fma(FloatVector.fromArray(F, b, bp + 7 * L), acc7);
        }
        acc0.intoArray(c, c0);
        acc1.intoArray(c, c0 + L);
        acc2.intoArray(c, c0 + 2 * L);
        acc3.intoArray(c, c0 + 3 * L);
        acc4.intoArray(c, c0 + 4 * L);
        acc5.intoArray(c, c0 + 5 * L);
        acc6.intoArray(c, c0 + 6 * L);
        acc7.intoArray(c, c0 + 7 * L);
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

package org.transformerguide.playground.kernels;

import jdk.incubator.vector.FloatVector;
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
    /** Columns per panel of a {@link PackedMatrix}: the width of the 6 x 2 block. */
    static final int PANEL = 2 * L;

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
                    block2x4(i, j, kc, a, aStart, aRow, aCol, b, bStart, ldb, 2 * L, c, cOff, ldc, add);
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
                    block1x4(i, j, kc, a, aStart, aRow, aCol, b, bStart, ldb, 2 * L, c, cOff, ldc, add);
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

    /**
     * C (+)= A B for A [m, k] by rows and B in panels two vectors wide: the blocks of {@link #gemm}, each
     * walking a panel straight through (the leftover rows' blocks two panels side by side, {@code second}
     * floats apart), so the same sums in the same order as {@link #gemm} on B as stored. A single row
     * reads B as stored: its 1 x 8 block runs eight vectors wide across a row of B, which a panel is too
     * narrow for.
     */
    static void gemmPacked(int m, float[] a, int aOff, int lda, PackedMatrix b, float[] c, int cOff, int ldc, boolean accumulate) {
        int k = b.k;
        int w = b.width;
        int second = k * w;                                        // from one panel to the next
        int blockRows = m - m % ROWS;
        int panelCols = m < 2 ? 0 : b.packedCols;                  // the columns read from panels
        for (int col = 0; col < panelCols; col += 2 * w) {         // two panels at a time
            boolean pair = col + w < panelCols;
            for (int p0 = 0; p0 < k; p0 += K_BLOCK) {              // K blocks, as in gemm: a panel's block in L1
                int kc = Math.min(K_BLOCK, k - p0);
                boolean add = accumulate || p0 > 0;
                int aStart = aOff + p0;
                int bStart = col * k + p0 * w;                     // panel col / W, row p0
                for (int i = 0; i < blockRows; i += ROWS) {
                    block6x2(i, 0, kc, a, aStart, lda, 1, b.panels, bStart, w, c, cOff + col, ldc, add);
                }
                for (int i = 0; pair && i < blockRows; i += ROWS) {
                    block6x2(i, 0, kc, a, aStart, lda, 1, b.panels, bStart + second, w, c, cOff + col + w, ldc, add);
                }
                int i = blockRows;
                for (; i < m; i += 2) {                            // the rows left over: pairs, then one
                    boolean two = i + 2 <= m;
                    if (pair && two) {
                        block2x4(i, 0, kc, a, aStart, lda, 1, b.panels, bStart, w, second, c, cOff + col, ldc, add);
                    } else if (pair) {
                        block1x4(i, 0, kc, a, aStart, lda, 1, b.panels, bStart, w, second, c, cOff + col, ldc, add);
                    } else {
                        for (int r = i; r < Math.min(m, i + 2); r++) {
                            block1x2(r, 0, kc, a, aStart, lda, 1, b.panels, bStart, w, c, cOff + col, ldc, add);
                        }
                    }
                }
            }
        }
        if (panelCols < b.n) {                                     // the columns past the last whole panel
            gemm(false, m, b.n - panelCols, k, a, aOff, lda, b.source, b.sourceOff + panelCols, b.ldb,
                    c, cOff + panelCols, ldc, accumulate);
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

    /**
     * Two rows of C, four vectors wide: the same sums, in the same order, as {@link #block1x2}. The third
     * and fourth vectors of B are read {@code second} floats after the first two: 2L where B is stored, the
     * next panel where it is packed.
     */
    private static void block2x4(int i, int j, int k, float[] a, int aOff, int aRow, int aCol, float[] b, int bOff, int ldb, int second,
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
            FloatVector b2 = FloatVector.fromArray(F, b, bp + second);
            FloatVector b3 = FloatVector.fromArray(F, b, bp + second + L);
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

    /** One row of C, four vectors wide, B's second pair of vectors {@code second} floats on: as {@link #block2x4}. */
    private static void block1x4(int i, int j, int k, float[] a, int aOff, int aRow, int aCol, float[] b, int bOff, int ldb, int second,
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
            acc2 = x.fma(FloatVector.fromArray(F, b, bp + second), acc2);
            acc3 = x.fma(FloatVector.fromArray(F, b, bp + second + L), acc3);
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
}

package org.transformerguide.playground.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The kernels on SIMD lanes with Java's Vector API (16 floats per vector on an AVX-512 machine). Only
 * loaded when the JVM has the {@code jdk.incubator.vector} module ({@link Kernels} checks first).
 *
 * <p>The polynomials of GELU and exp are written out inside each loop rather than called: a helper
 * returning a vector was compiled on its own and not inlined (too large), and a vector that crosses a
 * call is boxed, which JFR showed as the slow fallback path running a third of an inference step.
 *
 * <p>The matrix product is the one that matters: it keeps a 6 x 2-vector block of C in registers
 * (12 accumulators, enough independent fused multiply-adds to fill both FMA units) while it walks the
 * shared dimension, loading two vectors of a B row and broadcasting one A value per C row. On the
 * development machine that reaches ~150 GFLOP/s on one core for [768,128]x[128,384], where the same
 * loop without the register block reaches ~25 and ND4J's oneDNN sgemm ~64 (KernelBench prints both).
 */
final class VectorKernels implements KernelSet {

    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final int L = F.length();
    private static final int ROWS = 6;
    private static final int K_BLOCK = 256;

    @Override
    public String toString() {
        return "Java Vector API, " + F.vectorBitSize() + "-bit vectors (" + L + " floats)";
    }

    @Override
    public void gemm(boolean transposeA, int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
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
            for (int j = 0; j < fullCols; j += 2 * L) {
                int i = 0;
                for (; i + ROWS <= m; i += ROWS) {
                    block6x2(i, j, kc, a, aStart, aRow, aCol, b, bStart, ldb, c, cOff, ldc, add);
                }
                for (; i < m; i++) {
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

    @Override
    public float dot(float[] a, int aOff, float[] b, int bOff, int n) {
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
    @Override
    public void dots(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float[] c, int cOff, int ldc) {
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

    @Override
    public void axpy(float alpha, float[] x, int xOff, float[] y, int yOff, int n) {
        FloatVector al = FloatVector.broadcast(F, alpha);
        int i = 0;
        for (; i + L <= n; i += L) {
            al.fma(FloatVector.fromArray(F, x, xOff + i), FloatVector.fromArray(F, y, yOff + i)).intoArray(y, yOff + i);
        }
        for (; i < n; i++) {
            y[yOff + i] += alpha * x[xOff + i];
        }
    }

    @Override
    public void layerNorm(float[] x, int xOff, float[] gamma, int gOff, float[] beta, int bOff, float[] out, int outOff,
                          int n, float epsilon, float[] stats, int sOff) {
        int bound = F.loopBound(n);
        FloatVector acc = FloatVector.zero(F);
        int i = 0;
        for (; i < bound; i += L) {
            acc = acc.add(FloatVector.fromArray(F, x, xOff + i));
        }
        float sum = acc.reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            sum += x[xOff + i];
        }
        float mean = sum / n;
        FloatVector mu = FloatVector.broadcast(F, mean);
        acc = FloatVector.zero(F);
        for (i = 0; i < bound; i += L) {
            FloatVector d = FloatVector.fromArray(F, x, xOff + i).sub(mu);
            acc = d.fma(d, acc);
        }
        float squares = acc.reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            float d = x[xOff + i] - mean;
            squares += d * d;
        }
        float rstd = (float) (1 / Math.sqrt(squares / n + epsilon));
        FloatVector r = FloatVector.broadcast(F, rstd);
        for (i = 0; i < bound; i += L) {
            FloatVector xHat = FloatVector.fromArray(F, x, xOff + i).sub(mu).mul(r);
            xHat.fma(FloatVector.fromArray(F, gamma, gOff + i), FloatVector.fromArray(F, beta, bOff + i)).intoArray(out, outOff + i);
        }
        for (; i < n; i++) {
            out[outOff + i] = (x[xOff + i] - mean) * rstd * gamma[gOff + i] + beta[bOff + i];
        }
        stats[sOff] = mean;
        stats[sOff + 1] = rstd;
    }

    @Override
    public void layerNormBackward(float[] dy, int dyOff, float[] x, int xOff, float mean, float rstd, float[] gamma, int gOff,
                                  float[] dGamma, int dgOff, float[] dBeta, int dbOff, float[] dx, int dxOff, int n) {
        int bound = F.loopBound(n);
        FloatVector mu = FloatVector.broadcast(F, mean);
        FloatVector r = FloatVector.broadcast(F, rstd);
        FloatVector gAcc = FloatVector.zero(F);
        FloatVector gxAcc = FloatVector.zero(F);
        int i = 0;
        for (; i < bound; i += L) {
            FloatVector xHat = FloatVector.fromArray(F, x, xOff + i).sub(mu).mul(r);
            FloatVector d = FloatVector.fromArray(F, dy, dyOff + i);
            FloatVector g = d.mul(FloatVector.fromArray(F, gamma, gOff + i));
            gAcc = gAcc.add(g);
            gxAcc = g.fma(xHat, gxAcc);
            d.fma(xHat, FloatVector.fromArray(F, dGamma, dgOff + i)).intoArray(dGamma, dgOff + i);
            d.add(FloatVector.fromArray(F, dBeta, dbOff + i)).intoArray(dBeta, dbOff + i);
        }
        float gSum = gAcc.reduceLanes(VectorOperators.ADD);
        float gxSum = gxAcc.reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            float xHat = (x[xOff + i] - mean) * rstd;
            float g = dy[dyOff + i] * gamma[gOff + i];
            gSum += g;
            gxSum += g * xHat;
            dGamma[dgOff + i] += dy[dyOff + i] * xHat;
            dBeta[dbOff + i] += dy[dyOff + i];
        }
        float gMean = gSum / n;
        float gxMean = gxSum / n;
        FloatVector gm = FloatVector.broadcast(F, gMean);
        FloatVector gxm = FloatVector.broadcast(F, gxMean);
        for (i = 0; i < bound; i += L) {
            FloatVector xHat = FloatVector.fromArray(F, x, xOff + i).sub(mu).mul(r);
            FloatVector g = FloatVector.fromArray(F, dy, dyOff + i).mul(FloatVector.fromArray(F, gamma, gOff + i));
            FloatVector term = g.sub(gm).sub(xHat.mul(gxm));
            term.fma(r, FloatVector.fromArray(F, dx, dxOff + i)).intoArray(dx, dxOff + i);
        }
        for (; i < n; i++) {
            float xHat = (x[xOff + i] - mean) * rstd;
            float g = dy[dyOff + i] * gamma[gOff + i];
            dx[dxOff + i] += rstd * (g - gMean - xHat * gxMean);
        }
    }

    @Override
    public void gelu(float[] x, int xOff, float[] out, int outOff, int n) {
        int bound = F.loopBound(n);
        int i = 0;
        for (; i < bound; i += L) {
            FloatVector v = FloatVector.fromArray(F, x, xOff + i);
            // Φ(v) = ½ (1 + erf(v/√2)), Erf.erf lane-wise
            FloatVector z = v.mul(Erf.INV_SQRT_2).max(-Erf.CLAMP).min(Erf.CLAMP);
            FloatVector z2 = z.mul(z);
            FloatVector p = z2.mul(Erf.P0).add(Erf.P1).mul(z2).add(Erf.P2).mul(z2).add(Erf.P3).mul(z2).add(Erf.P4)
                    .mul(z2).add(Erf.P5).mul(z2).add(Erf.P6);
            FloatVector q = z2.mul(Erf.Q0).add(Erf.Q1).mul(z2).add(Erf.Q2).mul(z2).add(Erf.Q3).mul(z2).add(Erf.Q4);
            FloatVector phi = z.mul(p).div(q).add(1f).mul(0.5f);
            v.mul(phi).intoArray(out, outOff + i);
        }
        for (; i < n; i++) {
            float v = x[xOff + i];
            out[outOff + i] = v * ((Erf.erf(v * Erf.INV_SQRT_2) + 1) * 0.5f);   // as the lanes compute it
        }
    }

    @Override
    public void geluBackward(float[] x, int xOff, float[] d, int dOff, int n) {
        int bound = F.loopBound(n);
        int i = 0;
        for (; i < bound; i += L) {
            FloatVector v = FloatVector.fromArray(F, x, xOff + i);
            // Φ(v) = ½ (1 + erf(v/√2)), Erf.erf lane-wise
            FloatVector z = v.mul(Erf.INV_SQRT_2).max(-Erf.CLAMP).min(Erf.CLAMP);
            FloatVector z2 = z.mul(z);
            FloatVector p = z2.mul(Erf.P0).add(Erf.P1).mul(z2).add(Erf.P2).mul(z2).add(Erf.P3).mul(z2).add(Erf.P4)
                    .mul(z2).add(Erf.P5).mul(z2).add(Erf.P6);
            FloatVector q = z2.mul(Erf.Q0).add(Erf.Q1).mul(z2).add(Erf.Q2).mul(z2).add(Erf.Q3).mul(z2).add(Erf.Q4);
            FloatVector phi = z.mul(p).div(q).add(1f).mul(0.5f);
            // e^(−y) lane-wise as Erf.expNegative: n by the magic-number rounding, 2ⁿ from the sum's bits
            FloatVector t = v.mul(v).mul(0.5f).min(Erf.EXP_CLAMP).mul(-Erf.LOG2_E);
            FloatVector shifted = t.add(Erf.ROUNDING);
            FloatVector g = t.sub(shifted.sub(Erf.ROUNDING)).mul(Erf.LN_2);
            FloatVector e = g.mul(Erf.E7).add(Erf.E6).mul(g).add(Erf.E5).mul(g).add(Erf.E4).mul(g).add(Erf.E3)
                    .mul(g).add(Erf.E2).mul(g).add(1f).mul(g).add(1f);
            FloatVector gaussian = e.mul(shifted.reinterpretAsInts().sub(Erf.ROUNDING_BITS).add(127)
                    .lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats());
            FloatVector slope = v.mul(gaussian.mul(Erf.INV_SQRT_2PI)).add(phi);       // Φ(x) + x φ(x)
            FloatVector.fromArray(F, d, dOff + i).mul(slope).intoArray(d, dOff + i);
        }
        for (; i < n; i++) {
            float v = x[xOff + i];
            float cdf = 0.5f * (1 + Erf.erf(v * Erf.INV_SQRT_2));
            float density = Erf.INV_SQRT_2PI * Erf.expNegative(0.5f * v * v);
            d[dOff + i] *= cdf + v * density;
        }
    }

    @Override
    public void softmax(float[] row, int off, int n, float scale) {
        float max = max(row, off, n);
        FloatVector top = FloatVector.broadcast(F, max);
        FloatVector acc = FloatVector.zero(F);
        int bound = F.loopBound(n);
        int i = 0;
        for (; i < bound; i += L) {
            FloatVector y = top.sub(FloatVector.fromArray(F, row, off + i)).mul(scale);
            // e^(−y) lane-wise as Erf.expNegative: n by the magic-number rounding, 2ⁿ from the sum's bits
            FloatVector t = y.min(Erf.EXP_CLAMP).mul(-Erf.LOG2_E);
            FloatVector shifted = t.add(Erf.ROUNDING);
            FloatVector g = t.sub(shifted.sub(Erf.ROUNDING)).mul(Erf.LN_2);
            FloatVector e = g.mul(Erf.E7).add(Erf.E6).mul(g).add(Erf.E5).mul(g).add(Erf.E4).mul(g).add(Erf.E3)
                    .mul(g).add(Erf.E2).mul(g).add(1f).mul(g).add(1f);
            FloatVector w = e.mul(shifted.reinterpretAsInts().sub(Erf.ROUNDING_BITS).add(127)
                    .lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats());
            w.intoArray(row, off + i);
            acc = acc.add(w);
        }
        float sum = acc.reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            float e = Erf.expNegative((max - row[off + i]) * scale);
            row[off + i] = e;
            sum += e;
        }
        float inverse = 1 / sum;
        for (i = 0; i < bound; i += L) {
            FloatVector.fromArray(F, row, off + i).mul(inverse).intoArray(row, off + i);
        }
        for (; i < n; i++) {
            row[off + i] *= inverse;
        }
    }

    @Override
    public float max(float[] x, int off, int n) {
        // A plain loop: the rows are short (a causal softmax row starts at one element) and the vector
        // MAX, fast in isolation, ran as its unoptimized fallback inside the model (JFR showed it).
        float max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            float v = x[off + i];
            max = v > max ? v : max;
        }
        return max;
    }
}

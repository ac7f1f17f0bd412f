package org.transformerguide.playground.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The kernels on SIMD lanes with Java's Vector API (16 floats per vector on an AVX-512 machine). Only
 * loaded when the JVM has the {@code jdk.incubator.vector} module ({@link Kernels} checks first). The
 * matrix products are in {@link VectorGemm}.
 *
 * <p>The polynomials of GELU and exp are written out inside each loop rather than called: a helper
 * returning a vector was compiled on its own and not inlined (too large), and a vector that crosses a
 * call is boxed, which JFR showed as the slow fallback path running a third of an inference step.
 */
final class VectorKernels implements KernelSet {

    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final int L = F.length();

    @Override
    public String toString() {
        return "Java Vector API, " + F.vectorBitSize() + "-bit vectors (" + L + " floats)";
    }

    @Override
    public void gemm(boolean transposeA, int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                     float[] c, int cOff, int ldc, boolean accumulate) {
        VectorGemm.gemm(transposeA, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
    }

    @Override
    public int panelWidth() {
        return VectorGemm.PANEL;
    }

    @Override
    public void gemmPacked(int m, float[] a, int aOff, int lda, PackedMatrix b, float[] c, int cOff, int ldc, boolean accumulate) {
        VectorGemm.gemmPacked(m, a, aOff, lda, b, c, cOff, ldc, accumulate);
    }

    @Override
    public float dot(float[] a, int aOff, float[] b, int bOff, int n) {
        return VectorDots.dot(a, aOff, b, bOff, n);
    }

    @Override
    public void dots(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float[] c, int cOff, int ldc) {
        VectorDots.dots(m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
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

package org.transformerguide.playground.kernels;

/**
 * The kernels as plain loops, for a JVM without {@code jdk.incubator.vector}. The same formulas as
 * {@link VectorKernels} in the same order of operations where it matters, so the two agree to float
 * rounding (KernelsTest). The JIT compiler still vectorizes some of these loops on its own.
 */
final class ScalarKernels implements KernelSet {

    @Override
    public void gemm(boolean transposeA, int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                     float[] c, int cOff, int ldc, boolean accumulate) {
        int aRow = transposeA ? 1 : lda;   // step between rows i of op(A)
        int aCol = transposeA ? lda : 1;   // step between columns p of op(A)
        for (int i = 0; i < m; i++) {
            int ci = cOff + i * ldc;
            if (!accumulate) {
                java.util.Arrays.fill(c, ci, ci + n, 0f);
            }
            for (int p = 0; p < k; p++) {
                float aip = a[aOff + i * aRow + p * aCol];
                int bp = bOff + p * ldb;
                for (int j = 0; j < n; j++) {
                    c[ci + j] += aip * b[bp + j];
                }
            }
        }
    }

    @Override
    public float dot(float[] a, int aOff, float[] b, int bOff, int n) {
        float sum = 0;
        for (int i = 0; i < n; i++) {
            sum += a[aOff + i] * b[bOff + i];
        }
        return sum;
    }

    @Override
    public void axpy(float alpha, float[] x, int xOff, float[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) {
            y[yOff + i] += alpha * x[xOff + i];
        }
    }

    @Override
    public void layerNorm(float[] x, int xOff, float[] gamma, int gOff, float[] beta, int bOff, float[] out, int outOff,
                          int n, float epsilon, float[] stats, int sOff) {
        float sum = 0;
        for (int i = 0; i < n; i++) {
            sum += x[xOff + i];
        }
        float mean = sum / n;
        float squares = 0;
        for (int i = 0; i < n; i++) {
            float d = x[xOff + i] - mean;
            squares += d * d;
        }
        float rstd = (float) (1 / Math.sqrt(squares / n + epsilon));
        for (int i = 0; i < n; i++) {
            out[outOff + i] = (x[xOff + i] - mean) * rstd * gamma[gOff + i] + beta[bOff + i];
        }
        stats[sOff] = mean;
        stats[sOff + 1] = rstd;
    }

    @Override
    public void layerNormBackward(float[] dy, int dyOff, float[] x, int xOff, float mean, float rstd, float[] gamma, int gOff,
                                  float[] dGamma, int dgOff, float[] dBeta, int dbOff, float[] dx, int dxOff, int n) {
        float gSum = 0;
        float gxSum = 0;
        for (int i = 0; i < n; i++) {
            float xHat = (x[xOff + i] - mean) * rstd;
            float g = dy[dyOff + i] * gamma[gOff + i];
            gSum += g;
            gxSum += g * xHat;
            dGamma[dgOff + i] += dy[dyOff + i] * xHat;
            dBeta[dbOff + i] += dy[dyOff + i];
        }
        float gMean = gSum / n;
        float gxMean = gxSum / n;
        for (int i = 0; i < n; i++) {
            float xHat = (x[xOff + i] - mean) * rstd;
            float g = dy[dyOff + i] * gamma[gOff + i];
            dx[dxOff + i] += rstd * (g - gMean - xHat * gxMean);
        }
    }

    @Override
    public void gelu(float[] x, int xOff, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            float v = x[xOff + i];
            out[outOff + i] = v * ((Erf.erf(v * Erf.INV_SQRT_2) + 1) * 0.5f);
        }
    }

    @Override
    public void geluBackward(float[] x, int xOff, float[] d, int dOff, int n) {
        for (int i = 0; i < n; i++) {
            float v = x[xOff + i];
            float cdf = 0.5f * (1 + Erf.erf(v * Erf.INV_SQRT_2));               // Φ(x)
            float density = Erf.INV_SQRT_2PI * Erf.expNegative(0.5f * v * v);   // φ(x)
            d[dOff + i] *= cdf + v * density;
        }
    }

    @Override
    public void softmax(float[] row, int off, int n, float scale) {
        float max = max(row, off, n);
        float sum = 0;
        for (int i = 0; i < n; i++) {
            float e = Erf.expNegative((max - row[off + i]) * scale);
            row[off + i] = e;
            sum += e;
        }
        float inverse = 1 / sum;
        for (int i = 0; i < n; i++) {
            row[off + i] *= inverse;
        }
    }

    @Override
    public float max(float[] x, int off, int n) {
        float max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, x[off + i]);
        }
        return max;
    }
}

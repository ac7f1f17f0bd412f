package org.transformerguide.playground.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.apache.commons.math3.special.Erf;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.transformerguide.testing.EngineTest;

/**
 * The Vector API kernels and the scalar fallback compute the same numbers (to float rounding) on every
 * kernel, at sizes with and without leftover lanes; and the approximations behind GELU and softmax keep
 * their stated error bounds.
 */
@EngineTest
class KernelsTest {

    private static KernelSet vector;
    private static KernelSet scalar;
    private final Random random = new Random(42);

    @BeforeAll
    static void bothImplementations() {
        vector = Kernels.vector();
        scalar = Kernels.scalar();
        // surefire starts the JVM with --add-modules jdk.incubator.vector, so the fast path is the one in use
        assertThat(Kernels.vectorized()).as("Vector API kernels selected").isTrue();
        assertThat(vector).isNotNull();
    }

    private float[] randomArray(int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) random.nextGaussian();
        }
        return a;
    }

    private static void assertClose(float[] actual, float[] expected, float tolerance) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.length; i++) {
            float scale = Math.max(1, Math.abs(expected[i]));
            assertThat(actual[i]).as("element %d", i).isCloseTo(expected[i], within(tolerance * scale));
        }
    }

    @Test
    void matrixProductsAgreeForEveryShapeAndTransposition() {
        int[][] shapes = {{1, 1, 1}, {1, 384, 128}, {6, 32, 7}, {7, 33, 5}, {13, 65, 128}, {64, 64, 32}, {50, 17, 300}, {12, 48, 600}};
        for (int[] shape : shapes) {
            int m = shape[0];
            int n = shape[1];
            int k = shape[2];
            for (boolean transposeA : new boolean[] {false, true}) {
                for (boolean accumulate : new boolean[] {false, true}) {
                    int lda = (transposeA ? m : k) + 3;  // leading dimensions wider than the matrices
                    int ldb = n + 2;
                    int ldc = n + 5;
                    float[] a = randomArray((transposeA ? k : m) * lda + 4);
                    float[] b = randomArray(k * ldb + 2);
                    float[] c0 = randomArray(m * ldc + 7);
                    float[] cv = c0.clone();
                    float[] cs = c0.clone();
                    vector.gemm(transposeA, m, n, k, a, 4, lda, b, 2, ldb, cv, 7, ldc, accumulate);
                    scalar.gemm(transposeA, m, n, k, a, 4, lda, b, 2, ldb, cs, 7, ldc, accumulate);
                    assertClose(cv, cs, 1e-4f * (float) Math.sqrt(k));
                    float[] reference = c0.clone();         // and both against the definition, in double
                    for (int i = 0; i < m; i++) {
                        for (int j = 0; j < n; j++) {
                            double sum = accumulate ? c0[7 + i * ldc + j] : 0;
                            for (int p = 0; p < k; p++) {
                                float aip = transposeA ? a[4 + p * lda + i] : a[4 + i * lda + p];
                                sum += (double) aip * b[2 + p * ldb + j];
                            }
                            reference[7 + i * ldc + j] = (float) sum;
                        }
                    }
                    assertClose(cv, reference, 1e-4f * (float) Math.sqrt(k));
                    float[] parallel = c0.clone();          // the facade's split between threads
                    Kernels.useThreads(true);
                    try {
                        Kernels.gemm(transposeA, m, n, k, a, 4, lda, b, 2, ldb, parallel, 7, ldc, accumulate);
                    } finally {
                        Kernels.useThreads(false);
                    }
                    assertClose(parallel, reference, 1e-4f * (float) Math.sqrt(k));
                }
            }
        }
    }

    /** A row of a product has the same bits whether it is computed alone or among others (batching relies on it). */
    @Test
    void aRowOfAProductDoesNotDependOnTheOtherRows() {
        int[][] shapes = {{7, 576, 192}, {32, 768, 192}, {13, 192, 768}, {5, 200, 300}};
        for (int[] shape : shapes) {
            int m = shape[0];
            int n = shape[1];
            int k = shape[2];
            float[] a = randomArray(m * k);
            float[] b = randomArray(k * n);
            for (boolean accumulate : new boolean[] {false, true}) {
                float[] c0 = randomArray(m * n);
                float[] all = c0.clone();
                vector.gemm(false, m, n, k, a, 0, k, b, 0, n, all, 0, n, accumulate);
                for (int i = 0; i < m; i++) {
                    float[] alone = java.util.Arrays.copyOfRange(c0, i * n, (i + 1) * n);
                    vector.gemm(false, 1, n, k, a, i * k, k, b, 0, n, alone, 0, n, accumulate);
                    assertThat(java.util.Arrays.copyOfRange(all, i * n, (i + 1) * n)).as("%s row %d", java.util.Arrays.toString(shape), i)
                            .containsExactly(alone);
                }
            }
        }
    }

    /**
     * A product read from panels has the bits of the same product read as stored, for every count of rows
     * (blocks of six, pairs, a last row, one row alone), columns past the last whole panel, a shared
     * dimension longer than one K block, and leading dimensions wider than the matrices.
     */
    @Test
    void productsFromPanelsEqualProductsFromTheStoredMatrixExactly() {
        int[][] shapes = {{8, 576, 192}, {32, 768, 192}, {13, 192, 768}, {1, 192, 192}, {2, 100, 300}, {7, 16, 5}, {5, 65, 3}};
        for (int[] shape : shapes) {
            int m = shape[0];
            int n = shape[1];
            int k = shape[2];
            int lda = k + 3;
            int ldb = n + 2;
            int ldc = n + 5;
            float[] a = randomArray(m * lda + 4);
            float[] b = randomArray(k * ldb + 2);
            PackedMatrix packed = Kernels.pack(b, 2, ldb, k, n);
            assertThat(packed.packedCols).as("%s: columns in whole panels", java.util.Arrays.toString(shape))
                    .isEqualTo(n - n % VectorGemm.PANEL);
            for (boolean accumulate : new boolean[] {false, true}) {
                float[] c0 = randomArray(m * ldc + 7);
                float[] stored = c0.clone();
                float[] panels = c0.clone();
                vector.gemm(false, m, n, k, a, 4, lda, b, 2, ldb, stored, 7, ldc, accumulate);
                Kernels.gemmPacked(m, a, 4, lda, packed, panels, 7, ldc, accumulate);
                assertThat(panels).as("%s accumulate %s", java.util.Arrays.toString(shape), accumulate).containsExactly(stored);
            }
        }
    }

    /** The batched head's products are each row's dot products, bit for bit, whatever the shape. */
    @Test
    void rowByRowProductsEqualTheDotOfEachPairExactly() {
        int[][] shapes = {{1, 1, 1}, {1, 1024, 192}, {4, 4, 16}, {5, 7, 17}, {32, 1024, 192}, {33, 130, 40}, {3, 9, 5}};
        for (int[] shape : shapes) {
            int m = shape[0];
            int n = shape[1];
            int k = shape[2];
            int lda = k + 3;
            int ldb = k + 1;
            int ldc = n + 2;
            float[] a = randomArray(m * lda + 5);
            float[] b = randomArray(n * ldb + 2);
            for (KernelSet kernels : new KernelSet[] {vector, scalar}) {
                float[] c = new float[m * ldc + 4];
                kernels.dots(m, n, k, a, 5, lda, b, 2, ldb, c, 4, ldc);
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < n; j++) {
                        assertThat(c[4 + i * ldc + j]).as("%s %s (%d, %d)", kernels, java.util.Arrays.toString(shape), i, j)
                                .isEqualTo(kernels.dot(a, 5 + i * lda, b, 2 + j * ldb, k));
                    }
                }
            }
        }
    }

    @Test
    void rowKernelsAgree() {
        for (int n : new int[] {1, 5, 16, 33, 128, 515}) {
            float[] x = randomArray(n + 3);
            float[] y = randomArray(n + 3);
            assertThat(vector.dot(x, 3, y, 1, n)).isCloseTo(scalar.dot(x, 3, y, 1, n), within(1e-4f * n));
            assertThat(vector.max(x, 2, n)).isEqualTo(scalar.max(x, 2, n));

            float[] yv = y.clone();
            float[] ys = y.clone();
            vector.axpy(0.7f, x, 1, yv, 2, n);
            scalar.axpy(0.7f, x, 1, ys, 2, n);
            assertClose(yv, ys, 1e-6f);

            float[] gamma = randomArray(n);
            float[] beta = randomArray(n);
            float[] outV = new float[n];
            float[] outS = new float[n];
            float[] statsV = new float[2];
            float[] statsS = new float[2];
            vector.layerNorm(x, 3, gamma, 0, beta, 0, outV, 0, n, 1e-5f, statsV, 0);
            scalar.layerNorm(x, 3, gamma, 0, beta, 0, outS, 0, n, 1e-5f, statsS, 0);
            assertClose(outV, outS, 1e-4f);
            assertClose(statsV, statsS, 1e-4f);

            float[] dy = randomArray(n);
            float[] dgV = randomArray(n);
            float[] dgS = dgV.clone();
            float[] dbV = randomArray(n);
            float[] dbS = dbV.clone();
            float[] dxV = randomArray(n);
            float[] dxS = dxV.clone();
            vector.layerNormBackward(dy, 0, x, 3, statsS[0], statsS[1], gamma, 0, dgV, 0, dbV, 0, dxV, 0, n);
            scalar.layerNormBackward(dy, 0, x, 3, statsS[0], statsS[1], gamma, 0, dgS, 0, dbS, 0, dxS, 0, n);
            assertClose(dgV, dgS, 1e-4f);
            assertClose(dbV, dbS, 1e-5f);
            assertClose(dxV, dxS, 1e-3f);

            float[] gv = new float[n];
            float[] gs = new float[n];
            vector.gelu(x, 3, gv, 0, n);
            scalar.gelu(x, 3, gs, 0, n);
            assertClose(gv, gs, 1e-6f);
            float[] dv = dy.clone();
            float[] ds = dy.clone();
            vector.geluBackward(x, 3, dv, 0, n);
            scalar.geluBackward(x, 3, ds, 0, n);
            assertClose(dv, ds, 1e-5f);

            float[] sv = x.clone();
            float[] ss = x.clone();
            vector.softmax(sv, 3, n, 0.5f);
            scalar.softmax(ss, 3, n, 0.5f);
            assertClose(sv, ss, 1e-6f);
            double sum = 0;
            for (int i = 3; i < n + 3; i++) {
                sum += sv[i];
            }
            assertThat(sum).isCloseTo(1.0, within(1e-5));
        }
    }

    /** The stated bounds: |erf error| < 1e−6 everywhere, and e^(−y) within a relative 1e−6 + 6e−8·y. */
    @Test
    void approximationsKeepTheirErrorBounds() {
        double worstErf = 0;
        double worstExp = 0;
        for (int i = -80000; i <= 80000; i++) {
            float x = i * 1e-4f;                        // [−8, 8]
            worstErf = Math.max(worstErf, Math.abs(org.transformerguide.playground.kernels.Erf.erf(x) - Erf.erf(x)));
        }
        for (int i = 0; i <= 870000; i++) {
            float y = i * 1e-4f;                        // [0, 87]
            double exact = Math.exp(-(double) y);
            double relative = Math.abs(org.transformerguide.playground.kernels.Erf.expNegative(y) - exact) / exact;
            worstExp = Math.max(worstExp, relative / (1e-6 + 6e-8 * y)); // 1 = exactly at the bound
        }
        System.out.printf("erf: max |error| %.2e on [-8, 8]; e^-y: max relative error / bound %.2f on [0, 87]%n", worstErf, worstExp);
        assertThat(worstErf).isLessThan(1e-6);
        assertThat(worstExp).isLessThan(1.0);
        assertThat(org.transformerguide.playground.kernels.Erf.expNegative(1000f)).isGreaterThanOrEqualTo(0f).isLessThan(1e-37f);
    }
}

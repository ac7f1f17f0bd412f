package org.transformerguide.playground.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.transformerguide.testing.EngineTest;

@EngineTest
class PrincipalComponentsTest {

    /**
     * Four points spread ±5 along (0.6, 0.8) and ±1 along (-0.8, 0.6), moved to (10, -5): the covariance
     * (divided by n - 1 = 3) has eigenvalues 50/3 and 2/3, so the axes explain 50/52 and 2/52.
     */
    @Test
    void aKnownMatrixGivesItsComponentsAndVariances() {
        float[][] data = {{13, -1}, {7, -9}, {9.2f, -4.4f}, {10.8f, -5.6f}};
        PrincipalComponents pca = PrincipalComponents.of(data, 2);
        assertThat(pca.mean()).containsExactly(new double[] {10, -5}, within(1e-6));
        assertThat(pca.components()[0]).containsExactly(new double[] {0.6, 0.8}, within(1e-6));
        assertThat(pca.components()[1]).containsExactly(new double[] {0.8, -0.6}, within(1e-6)); // largest entry made positive
        assertThat(pca.variances()).containsExactly(new double[] {50.0 / 3, 2.0 / 3}, within(1e-5));
        assertThat(pca.explainedVarianceRatio()).containsExactly(new double[] {50.0 / 52, 2.0 / 52}, within(1e-6));
        assertThat(pca.project(data[0])).containsExactly(new double[] {5, 0}, within(1e-5));
        assertThat(pca.project(data[2])).containsExactly(new double[] {0, -1}, within(1e-5));
    }

    /** On random data: each component is a unit eigenvector of the covariance, and none explains more than the first. */
    @Test
    void componentsAreTheCovariancesLeadingEigenvectors() {
        Random random = new Random(11);
        int rows = 40;
        int cols = 6;
        float[][] data = new float[rows][cols];
        for (float[] row : data) {
            for (int j = 0; j < cols; j++) {
                row[j] = (float) (random.nextGaussian() * (j + 1)) + 3;
            }
        }
        double[][] covariance = covariance(data);
        PrincipalComponents pca = PrincipalComponents.of(data, 2);
        double trace = 0;
        for (int j = 0; j < cols; j++) {
            trace += covariance[j][j];
        }
        assertThat(pca.totalVariance()).isCloseTo(trace, within(1e-6));
        for (int c = 0; c < 2; c++) {
            double[] v = pca.components()[c];
            assertThat(dot(v, v)).isCloseTo(1, within(1e-9));
            double[] cv = times(covariance, v);
            for (int j = 0; j < cols; j++) {
                assertThat(cv[j]).isCloseTo(pca.variances()[c] * v[j], within(1e-6));
            }
        }
        assertThat(dot(pca.components()[0], pca.components()[1])).isCloseTo(0, within(1e-9));
        assertThat(pca.variances()[0]).isGreaterThanOrEqualTo(pca.variances()[1]);
        for (int trial = 0; trial < 200; trial++) { // no direction has more variance than the first component
            double[] u = new double[cols];
            for (int j = 0; j < cols; j++) {
                u[j] = random.nextGaussian();
            }
            double norm = Math.sqrt(dot(u, u));
            for (int j = 0; j < cols; j++) {
                u[j] /= norm;
            }
            assertThat(dot(u, times(covariance, u))).isLessThanOrEqualTo(pca.variances()[0] + 1e-9);
        }
    }

    private static double[][] covariance(float[][] data) {
        int cols = data[0].length;
        double[] mean = new double[cols];
        for (float[] row : data) {
            for (int j = 0; j < cols; j++) {
                mean[j] += row[j] / (double) data.length;
            }
        }
        double[][] c = new double[cols][cols];
        for (float[] row : data) {
            for (int a = 0; a < cols; a++) {
                for (int b = 0; b < cols; b++) {
                    c[a][b] += (row[a] - mean[a]) * (row[b] - mean[b]) / (data.length - 1);
                }
            }
        }
        return c;
    }

    private static double[] times(double[][] m, double[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = dot(m[i], v);
        }
        return out;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}

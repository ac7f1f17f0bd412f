package org.transformerguide.search.vectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The linear algebra under the embedding: the eigendecomposition and the randomized SVD. */
class SymmetricEigenTest {

    @Test
    void theEigenvectorsDiagonalizeASymmetricMatrix() {
        Random random = new Random(3);
        int n = 12;
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                a[i][j] = a[j][i] = random.nextGaussian();
            }
        }
        SymmetricEigen eigen = SymmetricEigen.of(a);
        for (int k = 0; k < n; k++) {
            // A v = λ v
            for (int i = 0; i < n; i++) {
                double av = 0;
                for (int j = 0; j < n; j++) {
                    av += a[i][j] * eigen.vectors()[j][k];
                }
                assertThat(av).isCloseTo(eigen.values()[k] * eigen.vectors()[i][k], within(1e-9));
            }
        }
        for (int k = 1; k < n; k++) {
            assertThat(eigen.values()[eigen.order()[k]]).isLessThanOrEqualTo(eigen.values()[eigen.order()[k - 1]]);
        }
    }

    @Test
    void theRandomizedSvdFindsTheSingularValuesOfALowRankMatrix() {
        // A = 5 u1 v1ᵀ + 2 u2 v2ᵀ with orthonormal u's and v's, written as sparse rows
        double[] u1 = {0.5, 0.5, 0.5, 0.5};
        double[] u2 = {0.5, -0.5, 0.5, -0.5};
        double[] v1 = {0.6, 0.8, 0, 0, 0};
        double[] v2 = {0, 0, 0, 1, 0};
        List<SparseVector> rows = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            rows.add(new SparseVector(new int[] {0, 1, 3},
                    new float[] {(float) (5 * u1[i] * v1[0]), (float) (5 * u1[i] * v1[1]), (float) (2 * u2[i] * v2[3])}));
        }
        TruncatedSvd.Result svd = TruncatedSvd.compute(rows, 5, 2);
        assertThat(svd.singularValues()[0]).isCloseTo(5, within(1e-5));
        assertThat(svd.singularValues()[1]).isCloseTo(2, within(1e-5));
        assertThat((double) Math.abs(svd.projection()[0][0])).isCloseTo(0.6, within(1e-5));
        assertThat((double) Math.abs(svd.projection()[3][1])).isCloseTo(1.0, within(1e-5));
    }
}

package org.transformerguide.search.vectors;

import java.util.Random;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;

/**
 * Times the symmetric eigen solvers at the sizes the platform uses them: the truncated SVD's Gram matrix
 * (its width, the latent dimensions plus oversampling, about 70 to 150) and the embedding map's covariance
 * (the model's embedding width, 64 to 384). Compares cyclic Jacobi rotations (SymmetricEigen, the solver
 * PrincipalComponents also used) with commons-math's EigenDecomposition (Householder tridiagonalisation
 * and implicit QL), and prints the median of a few runs of each and the largest eigenvalue disagreement.
 * <pre>./mvnw -q -Pbench test-compile exec:exec -Dbench.main=org.transformerguide.search.vectors.EigenSolverBench</pre>
 */
public final class EigenSolverBench {

    private EigenSolverBench() {
    }

    public static void main(String[] args) {
        System.out.printf("%6s %14s %16s %14s%n", "n", "Jacobi (ms)", "commons-math (ms)", "max |Δλ|/λmax");
        for (int n : new int[] {64, 150, 256, 384}) {
            double[][] a = covarianceLike(n, new Random(n));
            double jacobi = medianMillis(() -> SymmetricEigen.of(a), n >= 256 ? 3 : 5);
            double library = medianMillis(() -> new EigenDecomposition(new Array2DRowRealMatrix(a, false)), 5);
            double[] ours = SymmetricEigen.of(a).values().clone();
            double[] theirs = new EigenDecomposition(new Array2DRowRealMatrix(a, false)).getRealEigenvalues().clone();
            java.util.Arrays.sort(ours);
            java.util.Arrays.sort(theirs);
            double worst = 0;
            for (int i = 0; i < n; i++) {
                worst = Math.max(worst, Math.abs(ours[i] - theirs[i]));
            }
            System.out.printf("%6d %14.1f %16.1f %14.1e%n", n, jacobi, library, worst / theirs[n - 1]);
        }
    }

    /** XᵀX / rows of a random 2n x n matrix with columns of unequal scale: symmetric, positive definite. */
    private static double[][] covarianceLike(int n, Random random) {
        int rows = 2 * n;
        double[][] x = new double[rows][n];
        for (double[] row : x) {
            for (int j = 0; j < n; j++) {
                row[j] = random.nextGaussian() * (1 + j % 7);
            }
        }
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                double sum = 0;
                for (double[] row : x) {
                    sum += row[i] * row[j];
                }
                a[i][j] = a[j][i] = sum / rows;
            }
        }
        return a;
    }

    private static double medianMillis(Runnable work, int runs) {
        work.run(); // warm-up
        double[] millis = new double[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            work.run();
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        java.util.Arrays.sort(millis);
        return millis[runs / 2];
    }
}

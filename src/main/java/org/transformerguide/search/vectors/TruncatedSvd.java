package org.transformerguide.search.vectors;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * The top right singular vectors of a sparse matrix A (one row per chunk, one column per word), by the
 * randomized method of Halko, Martinsson and Tropp (2011): multiply A by a random Gaussian block to
 * catch its dominant directions, sharpen them with a few power iterations (each one multiplies by
 * A Aᵀ, which raises the singular values to higher powers and so separates the top ones from the rest),
 * then solve the small problem that remains exactly. Everything is in plain Java: A is sparse (a chunk
 * uses a few dozen of the guide's thousands of words), so each multiplication costs only its non-zeros
 * times the block width, a few million multiply-adds. The random block comes from a fixed seed, so the
 * same guide always gives the same vectors.
 */
final class TruncatedSvd {

    /** Extra random directions beyond the rank asked for: they absorb what the top directions leak. */
    static final int OVERSAMPLING = 16;
    /** Text has slowly decaying singular values; more iterations cost little here and sharpen the result. */
    static final int POWER_ITERATIONS = 6;
    static final long SEED = 20240607L;

    /**
     * @param projection {@code projection[word][k]}: the word's coordinate on the k-th right singular vector
     * @param singularValues the top singular values, largest first
     */
    record Result(float[][] projection, double[] singularValues) {

        int rank() {
            return singularValues.length;
        }
    }

    private TruncatedSvd() {
    }

    static Result compute(List<SparseVector> rows, int columns, int rank) {
        int width = Math.min(rank + OVERSAMPLING, Math.min(rows.size(), columns));
        int r = Math.min(rank, width);
        Random random = new Random(SEED);
        double[][] omega = new double[width][columns];
        for (double[] column : omega) {
            for (int t = 0; t < columns; t++) {
                column[t] = random.nextGaussian();
            }
        }
        double[][] q = orthonormalize(times(rows, omega));
        for (int i = 0; i < POWER_ITERATIONS; i++) {
            double[][] z = orthonormalize(transposeTimes(rows, q, columns));
            q = orthonormalize(times(rows, z));
        }
        // B = Qᵀ A, held as its rows; B Bᵀ is width x width and its eigenvectors give B's (and so A's) SVD.
        double[][] b = transposeTimes(rows, q, columns);
        double[][] gram = new double[width][width];
        for (int i = 0; i < width; i++) {
            for (int j = i; j < width; j++) {
                gram[i][j] = gram[j][i] = dot(b[i], b[j]);
            }
        }
        SymmetricEigen eigen = SymmetricEigen.of(gram);
        float[][] projection = new float[columns][r];
        double[] singular = new double[r];
        for (int k = 0; k < r; k++) {
            int at = eigen.order()[k];
            singular[k] = Math.sqrt(Math.max(0, eigen.values()[at]));
            if (singular[k] == 0) {
                continue; // a rank-deficient matrix: this direction carries nothing
            }
            // v_k = Bᵀ w_k / σ_k
            for (int j = 0; j < width; j++) {
                double c = eigen.vectors()[j][at] / singular[k];
                for (int t = 0; t < columns; t++) {
                    projection[t][k] += (float) (c * b[j][t]);
                }
            }
        }
        return new Result(projection, singular);
    }

    /**
     * A X for X given as columns (x[j] has one entry per column of A): columns of the result have one entry
     * per row. X is read transposed, so that each non-zero of A meets its X entries side by side in memory;
     * every result is summed in the same order as the plain loops, so the numbers are the same.
     */
    static double[][] times(List<SparseVector> rows, double[][] x) {
        double[][] xByTerm = transpose(x);
        double[][] out = new double[x.length][rows.size()];
        double[] sum = new double[x.length];
        for (int i = 0; i < rows.size(); i++) {
            SparseVector row = rows.get(i);
            Arrays.fill(sum, 0);
            for (int n = 0; n < row.terms().length; n++) {
                double[] xt = xByTerm[row.terms()[n]];
                double w = row.weights()[n];
                for (int j = 0; j < sum.length; j++) {
                    sum[j] += w * xt[j];
                }
            }
            for (int j = 0; j < sum.length; j++) {
                out[j][i] = sum[j];
            }
        }
        return out;
    }

    /** Aᵀ Y for Y given as columns with one entry per row of A; summed by term, side by side, as in {@link #times}. */
    static double[][] transposeTimes(List<SparseVector> rows, double[][] y, int columns) {
        double[][] yByRow = transpose(y);
        double[][] outByTerm = new double[columns][y.length];
        for (int i = 0; i < rows.size(); i++) {
            SparseVector row = rows.get(i);
            double[] yi = yByRow[i];
            for (int n = 0; n < row.terms().length; n++) {
                double[] out = outByTerm[row.terms()[n]];
                double w = row.weights()[n];
                for (int j = 0; j < out.length; j++) {
                    out[j] += w * yi[j];
                }
            }
        }
        return transpose(outByTerm);
    }

    private static double[][] transpose(double[][] m) {
        double[][] t = new double[m[0].length][m.length];
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m[i].length; j++) {
                t[j][i] = m[i][j];
            }
        }
        return t;
    }

    /** Gram–Schmidt, twice over (once loses orthogonality in floating point when columns are nearly parallel). */
    static double[][] orthonormalize(double[][] columns) {
        for (int pass = 0; pass < 2; pass++) {
            for (int j = 0; j < columns.length; j++) {
                double[] v = columns[j];
                for (int i = 0; i < j; i++) {
                    double c = dot(columns[i], v);
                    double[] u = columns[i];
                    for (int n = 0; n < v.length; n++) {
                        v[n] -= c * u[n];
                    }
                }
                double norm = Math.sqrt(dot(v, v));
                for (int n = 0; n < v.length; n++) {
                    v[n] = norm > 1e-12 ? v[n] / norm : 0;
                }
            }
        }
        return columns;
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}

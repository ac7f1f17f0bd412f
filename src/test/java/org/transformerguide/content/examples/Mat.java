package org.transformerguide.content.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.function.DoubleUnaryOperator;

/** Plain-Java matrix helpers for recomputing the guide's worked examples; rows are row vectors. */
final class Mat {

    private Mat() {
    }

    static double[][] mul(double[][] a, double[][] b) {
        if (a[0].length != b.length) {
            throw new IllegalArgumentException("shapes [" + a.length + ", " + a[0].length + "] x ["
                    + b.length + ", " + b[0].length + "] do not chain");
        }
        double[][] c = new double[a.length][b[0].length];
        for (int i = 0; i < a.length; i++) {
            for (int k = 0; k < b.length; k++) {
                for (int j = 0; j < b[0].length; j++) {
                    c[i][j] += a[i][k] * b[k][j];
                }
            }
        }
        return c;
    }

    /** Adds the row vector {@code row} to every row of {@code a} (the bias broadcast of x W + b). */
    static double[][] add(double[][] a, double[] row) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = new double[a[i].length];
            for (int j = 0; j < a[i].length; j++) {
                c[i][j] = a[i][j] + row[j];
            }
        }
        return c;
    }

    static double[][] add(double[][] a, double[][] b) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = new double[a[i].length];
            for (int j = 0; j < a[i].length; j++) {
                c[i][j] = a[i][j] + b[i][j];
            }
        }
        return c;
    }

    static double[][] transpose(double[][] a) {
        double[][] t = new double[a[0].length][a.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                t[j][i] = a[i][j];
            }
        }
        return t;
    }

    static double[][] map(double[][] a, DoubleUnaryOperator f) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = new double[a[i].length];
            for (int j = 0; j < a[i].length; j++) {
                c[i][j] = f.applyAsDouble(a[i][j]);
            }
        }
        return c;
    }

    static double[][] scale(double[][] a, double s) {
        return map(a, v -> v * s);
    }

    /** Softmax of each row separately, shifted by the row maximum for numerical safety. */
    static double[][] softmaxRows(double[][] a) {
        double[][] p = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (double v : a[i]) {
                max = Math.max(max, v);
            }
            double sum = 0;
            p[i] = new double[a[i].length];
            for (int j = 0; j < a[i].length; j++) {
                p[i][j] = Math.exp(a[i][j] - max);
                sum += p[i][j];
            }
            for (int j = 0; j < a[i].length; j++) {
                p[i][j] /= sum;
            }
        }
        return p;
    }

    static double sigmoid(double v) {
        return 1.0 / (1.0 + Math.exp(-v));
    }

    static double[][] sigmoid(double[][] a) {
        return map(a, Mat::sigmoid);
    }

    static double[][] tanh(double[][] a) {
        return map(a, Math::tanh);
    }

    static double[][] relu(double[][] a) {
        return map(a, v -> Math.max(0, v));
    }

    static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    /** Euclidean length of a vector. */
    static double norm(double[] v) {
        return Math.sqrt(dot(v, v));
    }

    static double[][] row(double[] v) {
        return new double[][] {v.clone()};
    }

    /** Entry by entry, |expected - actual| <= tolerance * max(1, |expected|): a closed form against a computation. */
    static void assertClose(double tolerance, double[][] expected, double[][] actual, String what) {
        assertEquals(expected.length, actual.length, what + " rows");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i].length, actual[i].length, what + " columns");
            for (int j = 0; j < expected[i].length; j++) {
                double scale = Math.max(1, Math.abs(expected[i][j]));
                assertTrue(Math.abs(expected[i][j] - actual[i][j]) <= tolerance * scale,
                        what + "[" + i + "][" + j + "]: closed form " + expected[i][j]
                                + ", computed " + actual[i][j]);
            }
        }
    }

    /** The Frobenius inner product sum_ij a_ij b_ij: a linear loss whose upstream gradient is a. */
    static double frobenius(double[][] a, double[][] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[i].length; j++) {
                sum += a[i][j] * b[i][j];
            }
        }
        return sum;
    }

    static double[][] gaussian(Random random, int rows, int cols) {
        double[][] a = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                a[i][j] = random.nextGaussian();
            }
        }
        return a;
    }

    static double[][] ones(int rows, int cols) {
        double[][] a = new double[rows][cols];
        for (double[] row : a) {
            java.util.Arrays.fill(row, 1);
        }
        return a;
    }

    static double[][] diag(double[] v) {
        double[][] a = new double[v.length][v.length];
        for (int i = 0; i < v.length; i++) {
            a[i][i] = v[i];
        }
        return a;
    }

    static double[][] copy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }
}

package org.transformerguide.playground.inference;

/**
 * Principal component analysis of the rows of a matrix, done the textbook way so that a reader can
 * follow it: centre every column, form the covariance matrix, diagonalize it exactly (cyclic Jacobi
 * rotations, which suit a small symmetric matrix and need no library), and keep the directions of
 * largest variance. The model's embedding tables are at most a few thousand rows by a few hundred
 * columns, so the O(rows·cols² + cols³) cost is milliseconds to a second.
 *
 * @param mean       the column means that were subtracted [cols]
 * @param components the top directions as unit rows, largest variance first [k][cols]; each is signed so
 *                   that its entry of largest magnitude is positive (a direction and its negative explain
 *                   the same variance; this makes the answer unique)
 * @param variances  the variance along each component (the covariance's eigenvalues) [k]
 * @param totalVariance the sum of all the covariance's eigenvalues (its trace)
 */
public record PrincipalComponents(double[] mean, double[][] components, double[] variances, double totalVariance) {

    private static final int MAX_SWEEPS = 100;

    /** The {@code k} leading principal components of the rows of {@code data} [rows][cols] (at least 2 rows). */
    public static PrincipalComponents of(float[][] data, int k) {
        int rows = data.length;
        if (rows < 2) {
            throw new IllegalArgumentException("PCA needs at least 2 rows, not " + rows);
        }
        int cols = data[0].length;
        if (k < 1 || k > cols) {
            throw new IllegalArgumentException("k must be 1 to " + cols + ", not " + k);
        }
        double[] mean = new double[cols];
        for (float[] row : data) {
            for (int j = 0; j < cols; j++) {
                mean[j] += row[j];
            }
        }
        for (int j = 0; j < cols; j++) {
            mean[j] /= rows;
        }
        double[][] covariance = new double[cols][cols]; // (X - mean)ᵀ (X - mean) / (rows - 1) [cols, cols]
        double[] centred = new double[cols];
        for (float[] row : data) {
            for (int j = 0; j < cols; j++) {
                centred[j] = row[j] - mean[j];
            }
            for (int a = 0; a < cols; a++) {
                double ca = centred[a];
                double[] line = covariance[a];
                for (int b = a; b < cols; b++) {
                    line[b] += ca * centred[b];
                }
            }
        }
        for (int a = 0; a < cols; a++) {
            for (int b = a; b < cols; b++) {
                covariance[a][b] /= rows - 1;
                covariance[b][a] = covariance[a][b];
            }
        }
        double total = 0;
        for (int j = 0; j < cols; j++) {
            total += covariance[j][j];
        }
        double[][] vectors = new double[cols][cols]; // columns are eigenvectors
        double[] values = jacobi(covariance, vectors);
        Integer[] order = new Integer[cols];
        for (int j = 0; j < cols; j++) {
            order[j] = j;
        }
        java.util.Arrays.sort(order, (x, y) -> Double.compare(values[y], values[x]));
        double[][] components = new double[k][cols];
        double[] variances = new double[k];
        for (int c = 0; c < k; c++) {
            int j = order[c];
            variances[c] = Math.max(0, values[j]); // rounding can leave a zero eigenvalue at -1e-17
            int largest = 0;
            for (int i = 0; i < cols; i++) {
                components[c][i] = vectors[i][j];
                if (Math.abs(vectors[i][j]) > Math.abs(vectors[largest][j])) {
                    largest = i;
                }
            }
            if (vectors[largest][j] < 0) {
                for (int i = 0; i < cols; i++) {
                    components[c][i] = -components[c][i];
                }
            }
        }
        return new PrincipalComponents(mean, components, variances, total);
    }

    /** The share of the total variance each component explains (0 for a matrix whose rows are all equal). */
    public double[] explainedVarianceRatio() {
        double[] ratio = new double[variances.length];
        for (int c = 0; c < ratio.length; c++) {
            ratio[c] = totalVariance > 0 ? variances[c] / totalVariance : 0;
        }
        return ratio;
    }

    /** The coordinates of {@code row} along the components: (row - mean) · component. */
    public double[] project(float[] row) {
        double[] out = new double[components.length];
        for (int c = 0; c < components.length; c++) {
            double sum = 0;
            for (int j = 0; j < row.length; j++) {
                sum += (row[j] - mean[j]) * components[c][j];
            }
            out[c] = sum;
        }
        return out;
    }

    /**
     * Eigenvalues of the symmetric matrix {@code a} (destroyed) by cyclic Jacobi rotations; the eigenvectors
     * are written as the columns of {@code vectors}. Each rotation zeroes one off-diagonal pair; sweeps
     * repeat until the off-diagonal mass is negligible next to the diagonal (quadratic convergence).
     */
    static double[] jacobi(double[][] a, double[][] vectors) {
        int n = a.length;
        for (int i = 0; i < n; i++) {
            java.util.Arrays.fill(vectors[i], 0);
            vectors[i][i] = 1;
        }
        for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
            double off = 0;
            double diagonal = 0;
            for (int p = 0; p < n; p++) {
                diagonal += a[p][p] * a[p][p];
                for (int q = p + 1; q < n; q++) {
                    off += a[p][q] * a[p][q];
                }
            }
            if (off <= 1e-30 * Math.max(diagonal, Double.MIN_NORMAL)) {
                break;
            }
            for (int p = 0; p < n - 1; p++) {
                for (int q = p + 1; q < n; q++) {
                    if (a[p][q] == 0) {
                        continue;
                    }
                    // The rotation angle θ with tan(2θ) = 2 a_pq / (a_qq - a_pp); t = tan θ, the smaller root.
                    double theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
                    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (theta == 0) {
                        t = 1;
                    }
                    double c = 1 / Math.sqrt(t * t + 1);
                    double s = t * c;
                    for (int r = 0; r < n; r++) { // A ← A J (columns p and q)
                        double arp = a[r][p];
                        double arq = a[r][q];
                        a[r][p] = c * arp - s * arq;
                        a[r][q] = s * arp + c * arq;
                    }
                    for (int r = 0; r < n; r++) { // A ← Jᵀ A (rows p and q)
                        double apr = a[p][r];
                        double aqr = a[q][r];
                        a[p][r] = c * apr - s * aqr;
                        a[q][r] = s * apr + c * aqr;
                    }
                    for (int r = 0; r < n; r++) { // V ← V J
                        double vrp = vectors[r][p];
                        double vrq = vectors[r][q];
                        vectors[r][p] = c * vrp - s * vrq;
                        vectors[r][q] = s * vrp + c * vrq;
                    }
                }
            }
        }
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = a[i][i];
        }
        return values;
    }
}

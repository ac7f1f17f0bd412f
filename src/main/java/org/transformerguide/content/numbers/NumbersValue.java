package org.transformerguide.content.numbers;

/**
 * One named value of a worked-numbers block, kept exactly as printed so the page shows what the
 * author wrote and a test can check a recomputed value to the printed precision.
 *
 * @param printed the numbers as written, row by row (a scalar is 1x1, a vector one row)
 * @param line the value's line in the document (1-based)
 */
public record NumbersValue(String name, Kind kind, String[][] printed, int line) {

    public enum Kind { SCALAR, VECTOR, MATRIX }

    public int rows() {
        return printed.length;
    }

    public int cols() {
        return printed[0].length;
    }

    public double[][] values() {
        double[][] v = new double[rows()][cols()];
        for (int i = 0; i < rows(); i++) {
            for (int j = 0; j < cols(); j++) {
                v[i][j] = Double.parseDouble(printed[i][j]);
            }
        }
        return v;
    }

    /** Digits after the decimal point of one printed entry: the precision the author vouches for. */
    public int decimals(int row, int col) {
        String s = printed[row][col];
        int dot = s.indexOf('.');
        return dot < 0 ? 0 : s.length() - dot - 1;
    }
}

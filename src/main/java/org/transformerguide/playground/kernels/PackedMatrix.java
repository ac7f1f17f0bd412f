package org.transformerguide.playground.kernels;

/**
 * A weight matrix B [k, n] copied into column panels for {@link Kernels#gemmPacked}: panel q holds
 * columns [qW, qW + W) of every row, one row after the other, so a product walks each panel straight
 * through memory instead of jumping a whole row of B (ldb floats) per step of the shared dimension.
 * Measured on the development machine with the bundled model's sixteen weight matrices in turn (7.9 MB,
 * more than the L2 cache holds), 32 rows: 100–110 GFLOP/s read as stored, 128–135 from panels, the same
 * bits (8 rows: 84–93 and 110–113).
 *
 * <p>A copy: it keeps the values B had when it was made. The columns past the last whole panel are read
 * from B itself ({@code source}), as are all of them when the kernels in use have no panels (W = 0).
 */
public final class PackedMatrix {

    final int k;
    final int n;
    final int width;       // W, columns per panel; 0: no panels
    final int packedCols;  // columns held in panels, a multiple of W
    final float[] panels;  // panel q at q·k·W: [k, W] row-major
    final float[] source;  // B as stored
    final int sourceOff;
    final int ldb;

    PackedMatrix(float[] b, int bOff, int ldb, int k, int n, int width) {
        this.k = k;
        this.n = n;
        this.width = width;
        this.source = b;
        this.sourceOff = bOff;
        this.ldb = ldb;
        packedCols = width == 0 ? 0 : n - n % width;
        panels = new float[k * packedCols];
        for (int q = 0; q * width < packedCols; q++) {
            int panel = q * k * width;
            for (int p = 0; p < k; p++) {
                System.arraycopy(b, bOff + p * ldb + q * width, panels, panel + p * width, width);
            }
        }
    }
}

package org.transformerguide.playground.model;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Plain-Java access, one row at a time, to a contiguous row-major ND4J array seen as [rows, cols]
 * (cols = its last dimension), for the element-wise, row-wise and reduction steps of the model.
 *
 * <p>Why: the matrix products stay BLAS calls on the ND4J arrays, but for this model's shapes every
 * other ND4J op (a LayerNorm statistic, a bias add, a GELU factor, a softmax) costs 0.1–1 ms of fixed
 * overhead, temporary buffers and unvectorized loops, and a training step needs hundreds of them. A
 * loop over a row copied into a Java {@code double[]} does the same arithmetic in microseconds: the
 * copy is a bulk memory move, and the JIT compiler vectorizes the loops over the row. Arithmetic is
 * done in double for both FLOAT and DOUBLE models (the gradient check runs in double).
 */
final class NativeRows {

    final int rows;
    final int cols;
    private final FloatBuffer floats;   // the array's native memory if FLOAT, else null
    private final DoubleBuffer doubles; // ... if DOUBLE
    private final int offset;           // index of element [0, 0] in that buffer
    private final float[] staging;      // one float row, for FLOAT arrays

    NativeRows(INDArray array) {
        if (array.ordering() != 'c' || array.elementWiseStride() != 1 || array.length() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("Expected a contiguous row-major array, got " + array.shapeInfoToString());
        }
        cols = (int) array.size(array.rank() - 1);
        rows = (int) (array.length() / cols);
        offset = (int) array.offset();
        if (array.dataType() == DataType.FLOAT) {
            floats = array.data().asNioFloat();
            doubles = null;
        } else if (array.dataType() == DataType.DOUBLE) {
            floats = null;
            doubles = array.data().asNioDouble();
        } else {
            throw new IllegalArgumentException("FLOAT or DOUBLE, not " + array.dataType());
        }
        staging = new float[cols];
    }

    /** dst[0..cols) = row {@code row}. */
    void read(int row, double[] dst) {
        read(row, dst, 0);
    }

    /** dst[at..at+cols) = row {@code row}. */
    void read(int row, double[] dst, int at) {
        int from = offset + row * cols;
        if (floats != null) {
            floats.get(from, staging, 0, cols);
            for (int j = 0; j < cols; j++) {
                dst[at + j] = staging[j];
            }
        } else {
            doubles.get(from, dst, at, cols);
        }
    }

    /** Row {@code row} = src[0..cols). */
    void write(int row, double[] src) {
        write(row, src, 0);
    }

    /** Row {@code row} = src[at..at+cols). */
    void write(int row, double[] src, int at) {
        int to = offset + row * cols;
        if (floats != null) {
            for (int j = 0; j < cols; j++) {
                staging[j] = (float) src[at + j];
            }
            floats.put(to, staging, 0, cols);
        } else {
            doubles.put(to, src, at, cols);
        }
    }

    /** Row {@code row} += src[0..cols), using {@code scratch} (at least cols long). */
    void add(int row, double[] src, double[] scratch) {
        read(row, scratch);
        for (int j = 0; j < cols; j++) {
            scratch[j] += src[j];
        }
        write(row, scratch);
    }

    /** The whole array, row-major, into dst [rows·cols]. */
    void readAll(double[] dst) {
        for (int i = 0; i < rows; i++) {
            read(i, dst, i * cols);
        }
    }

    /** The whole array from src [rows·cols], row-major. */
    void writeAll(double[] src) {
        for (int i = 0; i < rows; i++) {
            write(i, src, i * cols);
        }
    }
}

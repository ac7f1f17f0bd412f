package org.transformerguide.playground.model;

/**
 * One named parameter tensor: a slice [offset, offset + size) of its model's flat value and gradient
 * arrays ({@link ParameterSet}), row-major in {@code shape}. The backward pass overwrites the gradient
 * slice; an optimizer updates the value slice.
 *
 * @param decay whether weight decay applies: matrices and embeddings yes; biases and LayerNorm gains no
 *              (nanoGPT's rule: every tensor of rank 2 or more decays)
 */
public record Parameter(String name, int offset, int[] shape, boolean decay, ParameterSet set) {

    public int size() {
        int size = 1;
        for (int dimension : shape) {
            size *= dimension;
        }
        return size;
    }

    /** The model's flat value array; this parameter starts at {@link #offset()}. */
    public float[] values() {
        return set.values();
    }

    /** The model's flat gradient array; this parameter starts at {@link #offset()}. */
    public float[] gradients() {
        return set.gradients();
    }

    /** A copy of the values as rows [shape[0]][size / shape[0]] (for tests, heatmaps, projections). */
    public float[][] toMatrix() {
        int rows = shape[0];
        int cols = size() / rows;
        float[][] matrix = new float[rows][cols];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(values(), offset + r * cols, matrix[r], 0, cols);
        }
        return matrix;
    }

    /** A copy of the values, flat. */
    public float[] toVector() {
        return java.util.Arrays.copyOfRange(values(), offset, offset + size());
    }
}

package org.transformerguide.playground.model;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One named parameter tensor and its gradient, both views into the model's flat buffers
 * ({@link ParameterSet}). The backward pass overwrites {@code gradient}; an optimizer updates {@code value}.
 *
 * @param decay whether weight decay applies: matrices and embeddings yes; biases and LayerNorm gains no
 *              (nanoGPT's rule: every tensor of rank 2 or more decays)
 */
public record Parameter(String name, INDArray value, INDArray gradient, boolean decay) {

    public long[] shape() {
        return value.shape();
    }

    public long size() {
        return value.length();
    }
}

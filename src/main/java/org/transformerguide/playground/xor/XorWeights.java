package org.transformerguide.playground.xor;

/** A trained XOR network's parameters in the guide's shapes: W1 [2, H], b1 [H], W2 [H, 1], b2. */
public record XorWeights(double[][] w1, double[] b1, double[][] w2, double b2) {
}

package org.transformerguide.playground.train;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.transformerguide.playground.model.ParameterSet;

/**
 * AdamW (Loshchilov and Hutter) on a model's flat parameter buffers, as transformers_math.md §7 writes it:
 * <pre>
 * m_t = β1 m_{t−1} + (1 − β1) g_t          m̂_t = m_t / (1 − β1^t)
 * v_t = β2 v_{t−1} + (1 − β2) g_t²         v̂_t = v_t / (1 − β2^t)
 * θ_t = θ_{t−1} − η_t (m̂_t / (√v̂_t + ε) + λ θ_{t−1})     (λ only where the decay mask is 1)
 * </pre>
 * The decay is decoupled: it is not added to the gradient, so it does not pass through the division by
 * √v̂. The learning rate is given per step, so any schedule can drive it.
 */
public final class AdamW {

    private final ParameterSet parameters;
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final double weightDecay;
    private final INDArray m;       // first moment [n]
    private final INDArray v;       // second moment [n]
    private final INDArray scratch; // [n]
    private final INDArray decay;   // per-parameter factor 1 − η λ mask [n]
    private int step;

    public AdamW(ParameterSet parameters, double beta1, double beta2, double epsilon, double weightDecay) {
        if (beta1 < 0 || beta1 >= 1 || beta2 < 0 || beta2 >= 1 || epsilon <= 0 || weightDecay < 0) {
            throw new IllegalArgumentException("Need 0 ≤ β1, β2 < 1, ε > 0 and λ ≥ 0");
        }
        this.parameters = parameters;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.weightDecay = weightDecay;
        var type = parameters.dataType();
        m = Nd4j.zeros(type, parameters.size());
        v = Nd4j.zeros(type, parameters.size());
        scratch = Nd4j.zeros(type, parameters.size());
        decay = Nd4j.zeros(type, parameters.size());
    }

    /** nanoGPT's settings for small models: β = (0.9, 0.99), ε = 1e-8, λ = 0.1. */
    public static AdamW nanoGptDefaults(ParameterSet parameters) {
        return new AdamW(parameters, 0.9, 0.99, 1e-8, 0.1);
    }

    /** One update of every parameter from the gradients currently in the parameter set. */
    public void step(double learningRate) {
        step++;
        INDArray g = parameters.gradients();                  // g_t [n]
        INDArray theta = parameters.values();                 // θ [n]
        scratch.assign(g).muli(1 - beta1);                    // (1 − β1) g
        m.muli(beta1).addi(scratch);                          // m_t [n]
        scratch.assign(g).muli(g).muli(1 - beta2);            // (1 − β2) g²
        v.muli(beta2).addi(scratch);                          // v_t [n]

        decay.assign(parameters.decayMask()).muli(-learningRate * weightDecay).addi(1.0); // 1 − η λ mask [n]
        theta.muli(decay);                                    // θ − η λ θ (decayed parameters only)

        scratch.assign(v).muli(1 / (1 - Math.pow(beta2, step))); // v̂_t [n]
        Transforms.sqrt(scratch, false).addi(epsilon);        // √v̂_t + ε [n]
        scratch.rdivi(m).muli(1 / (1 - Math.pow(beta1, step))); // m̂_t / (√v̂_t + ε) [n]
        theta.subi(scratch.muli(learningRate));               // θ_t [n]
    }

    /** Steps taken so far (t of the last update). */
    public int stepCount() {
        return step;
    }
}

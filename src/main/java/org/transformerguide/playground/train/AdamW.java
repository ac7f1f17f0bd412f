package org.transformerguide.playground.train;

import org.transformerguide.playground.kernels.Kernels;
import org.transformerguide.playground.model.ParameterSet;

/**
 * AdamW (Loshchilov and Hutter) on a model's flat parameter buffers, as transformers_math.md §7 writes it:
 * <pre>
 * m_t = β1 m_{t−1} + (1 − β1) g_t          m̂_t = m_t / (1 − β1^t)
 * v_t = β2 v_{t−1} + (1 − β2) g_t²         v̂_t = v_t / (1 − β2^t)
 * θ_t = θ_{t−1} − η_t (m̂_t / (√v̂_t + ε) + λ θ_{t−1})     (λ only where the decay mask is 1)
 * </pre>
 * The decay is decoupled: it is not added to the gradient, so it does not pass through the division by
 * √v̂. The learning rate is given per step, so any schedule can drive it. One plain Java loop over
 * every parameter of the model's flat arrays, the moments kept in float as PyTorch keeps them.
 */
public final class AdamW {

    private final ParameterSet parameters;
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final double weightDecay;
    private final float[] m;       // first moment [n]
    private final float[] v;       // second moment [n]
    private final boolean[] decays; // whether weight decay applies [n]
    private int step;

    public AdamW(ParameterSet parameters, double beta1, double beta2, double epsilon, double weightDecay) {
        if (beta1 < 0 || beta1 >= 1 || beta2 < 0 || beta2 >= 1 || epsilon <= 0 || weightDecay < 0) {
            throw new IllegalArgumentException("Need 0 ≤ β1, β2 < 1, ε > 0 and λ ≥ 0");
        }
        if (parameters.size() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("Too many parameters for one Java array: " + parameters.size());
        }
        this.parameters = parameters;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.weightDecay = weightDecay;
        int n = (int) parameters.size();
        m = new float[n];
        v = new float[n];
        decays = new boolean[n];
        for (int i = 0; i < n; i++) {
            decays[i] = parameters.decays(i);
        }
    }

    /** nanoGPT's settings for small models: β = (0.9, 0.99), ε = 1e-8, λ = 0.1. */
    public static AdamW nanoGptDefaults(ParameterSet parameters) {
        return new AdamW(parameters, 0.9, 0.99, 1e-8, 0.1);
    }

    /** One update of every parameter from the gradients currently in the parameter set. */
    public void step(double learningRate) {
        step++;
        float[] g = parameters.gradients();                   // g_t [n]
        float[] theta = parameters.values();                  // θ [n]
        float b1 = (float) beta1;
        float b2 = (float) beta2;
        float mCorrection = (float) (1 / (1 - Math.pow(beta1, step))); // 1 / (1 − β1^t)
        float vCorrection = (float) (1 / (1 - Math.pow(beta2, step))); // 1 / (1 − β2^t)
        float eps = (float) epsilon;
        float lr = (float) learningRate;
        float keep = (float) (1 - learningRate * weightDecay);         // 1 − η λ
        Kernels.parallelRows(theta.length, 12, (w, from, to) -> {
            for (int i = from; i < to; i++) {
                m[i] = b1 * m[i] + (1 - b1) * g[i];                                                 // m_t
                v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];                                          // v_t
                float update = m[i] * mCorrection / ((float) Math.sqrt(v[i] * vCorrection) + eps); // m̂_t / (√v̂_t + ε)
                theta[i] = (decays[i] ? theta[i] * keep : theta[i]) - lr * update;                 // θ_t
            }
        });
    }

    /** Steps taken so far (t of the last update). */
    public int stepCount() {
        return step;
    }

    /** A copy of the optimizer's state (t, m, v), enough for {@link #restore} to continue exactly where it was. */
    public Moments moments() {
        return new Moments(step, m.clone(), v.clone());
    }

    /** Continues from a saved state of an optimizer over the same parameters (a resumed training job). */
    public void restore(Moments saved) {
        if (saved.first().length != m.length || saved.second().length != v.length || saved.step() < 0) {
            throw new IllegalArgumentException("Saved moments for " + saved.first().length + " parameters, this optimizer has " + m.length);
        }
        step = saved.step();
        System.arraycopy(saved.first(), 0, m, 0, m.length);
        System.arraycopy(saved.second(), 0, v, 0, v.length);
    }

    /** AdamW's state: the step count t and the two moment vectors [n]. */
    public record Moments(int step, float[] first, float[] second) {
    }
}

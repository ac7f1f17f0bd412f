package org.transformerguide.playground.train;

import org.transformerguide.playground.model.ParameterSet;

/**
 * Global-norm gradient clipping, PyTorch's {@code clip_grad_norm_}: if the norm of all gradients taken
 * together exceeds {@code maxNorm}, every gradient is scaled by maxNorm / (norm + 1e-6), which keeps the
 * direction of the step and bounds its size when one batch produces a spike.
 */
public final class GradientClipping {

    private GradientClipping() {
    }

    /** Clips in place; returns the norm before clipping (worth logging: spikes show instabilities). */
    public static double clipGlobalNorm(ParameterSet parameters, double maxNorm) {
        if (!(maxNorm > 0)) {
            throw new IllegalArgumentException("maxNorm must be positive, not " + maxNorm);
        }
        float[] g = parameters.gradients();
        double sumOfSquares = 0;
        for (float x : g) {
            sumOfSquares += (double) x * x;
        }
        double norm = Math.sqrt(sumOfSquares);                  // √(Σ g²) over every parameter
        if (norm > maxNorm) {
            float factor = (float) (maxNorm / (norm + 1e-6));
            for (int i = 0; i < g.length; i++) {
                g[i] *= factor;
            }
        }
        return norm;
    }
}

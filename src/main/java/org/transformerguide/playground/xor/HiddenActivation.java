package org.transformerguide.playground.xor;

import java.util.Arrays;
import java.util.Locale;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The hidden layer's activation σ, with its slope for the backward pass and the initial weight scale
 * that mlp_intro.md §6 ("Initialization") recommends for it: Glorot for the S-shaped curves, He for ReLU.
 */
public enum HiddenActivation {

    SIGMOID {
        @Override
        void applyInPlace(INDArray z) {
            Transforms.sigmoid(z, false);
        }

        @Override
        void slopeInPlace(INDArray h, INDArray out) {
            out.assign(h).rsubi(1.0).muli(h);     // σ'(z) = s (1 − s) [N, H]
        }
    },

    TANH {
        @Override
        void applyInPlace(INDArray z) {
            Transforms.tanh(z, false);
        }

        @Override
        void slopeInPlace(INDArray h, INDArray out) {
            out.assign(h).muli(h).rsubi(1.0);     // tanh'(z) = 1 − t² [N, H]
        }
    },

    RELU {
        @Override
        void applyInPlace(INDArray z) {
            Transforms.relu(z, false);
        }

        @Override
        void slopeInPlace(INDArray h, INDArray out) {
            out.assign(h);
            Transforms.step(out, false);          // 1 where h = max(0, z) > 0, i.e. z > 0; at the kink 0 [N, H]
        }

        @Override
        double initStd(int in, int out) {
            return Math.sqrt(2.0 / in);
        }
    };

    /** z ← σ(z). */
    abstract void applyInPlace(INDArray z);

    /** out ← σ'(z), read off the activation h = σ(z): all three slopes can be, so z need not be kept. */
    abstract void slopeInPlace(INDArray h, INDArray out);

    /**
     * Standard deviation of the initial weights of a layer from {@code in} to {@code out} units: Glorot's,
     * for the S-shaped curves (ReLU overrides it with He's).
     */
    double initStd(int in, int out) {
        return Math.sqrt(2.0 / (in + out));
    }

    /** The name the API and the widget use: "sigmoid", "tanh", "relu". */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The activation for a name from the API, ignoring case; an unknown name is a message for the reader. */
    public static HiddenActivation parse(String name) {
        return Arrays.stream(values()).filter(a -> a.key().equalsIgnoreCase(name.strip())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("activation must be one of sigmoid, tanh, relu, not '" + name + "'"));
    }
}

package org.transformerguide.playground.xor;

/**
 * One training run's settings, checked against the bounds the API promises (a violation names the
 * parameter, for a 400). The bounds keep a run to a second or two of one core.
 */
public record XorOptions(int hidden, HiddenActivation activation, double learningRate, int epochs, long seed) {

    public static final int MAX_HIDDEN = 16;
    public static final double MIN_LEARNING_RATE = 0.01;
    public static final double MAX_LEARNING_RATE = 10;
    public static final int MAX_EPOCHS = 5000;

    public XorOptions {
        if (hidden < 1 || hidden > MAX_HIDDEN) {
            throw new BadXorParameter("hidden", "hidden must be 1 to " + MAX_HIDDEN + ", not " + hidden);
        }
        if (!(learningRate >= MIN_LEARNING_RATE && learningRate <= MAX_LEARNING_RATE)) {
            throw new BadXorParameter("learningRate", "learningRate must be " + MIN_LEARNING_RATE + " to " + (int) MAX_LEARNING_RATE
                    + ", not " + learningRate);
        }
        if (epochs < 1 || epochs > MAX_EPOCHS) {
            throw new BadXorParameter("epochs", "epochs must be 1 to " + MAX_EPOCHS + ", not " + epochs);
        }
    }

    /** A parameter out of its bounds (400). */
    public static final class BadXorParameter extends IllegalArgumentException {
        private final String parameter;

        public BadXorParameter(String parameter, String message) {
            super(message);
            this.parameter = parameter;
        }

        public String parameter() {
            return parameter;
        }
    }
}

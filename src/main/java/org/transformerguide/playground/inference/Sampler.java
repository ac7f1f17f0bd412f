package org.transformerguide.playground.inference;

import java.util.Arrays;
import java.util.Random;

/**
 * Turns one row of logits [V] into a filtered next-token distribution and draws from it. The order is
 * the usual one (Hugging Face's, and nanoGPT's for the part it has): temperature, softmax, top-k, then
 * top-p on the renormalized top-k distribution, renormalize, draw. Computed in double so that the
 * filtered probabilities sum to 1 within rounding of a double, whatever the logits' type.
 */
public final class Sampler {

    /**
     * Slack for "mass ≥ p": probabilities come out of exp and a sum, so a set whose exact mass is p may
     * sum to p − 1e-16; without slack it would wrongly pull in one more token.
     */
    private static final double MASS_TOLERANCE = 1e-9;

    private Sampler() {
    }

    /**
     * The probability of every token after filtering [V]: zero for every token filtered out, the rest
     * renormalized to sum to 1. Temperature 0 gives all mass to the argmax (lowest id on a tie).
     */
    public static double[] probabilities(float[] logits, SamplingOptions options) {
        int vocab = logits.length;
        if (vocab == 0) {
            throw new IllegalArgumentException("No logits");
        }
        double[] p = new double[vocab];
        if (options.temperature() == 0) {
            p[argmax(logits)] = 1.0;
            return p;
        }
        softmax(logits, options.temperature(), p);                      // [V], sums to 1
        if ((options.topK() <= 0 || options.topK() >= vocab) && options.topP() >= 1) {
            return p;                                                    // nothing filtered: no ranking needed
        }
        Integer[] order = byDescendingProbability(p);                   // ids, most likely first
        int keep = vocab;
        if (options.topK() > 0) {
            keep = Math.min(keep, options.topK());
        }
        if (options.topP() < 1) {
            double keptMass = 0;
            for (int i = 0; i < keep; i++) {
                keptMass += p[order[i]];
            }
            double cumulative = 0;
            int nucleus = 0;
            while (nucleus < keep) {                                     // smallest prefix with mass ≥ p
                cumulative += p[order[nucleus]] / keptMass;              // of the top-k distribution
                nucleus++;
                if (cumulative >= options.topP() - MASS_TOLERANCE) {
                    break;
                }
            }
            keep = nucleus;
        }
        double mass = 0;
        for (int i = 0; i < keep; i++) {
            mass += p[order[i]];
        }
        for (int i = keep; i < vocab; i++) {
            p[order[i]] = 0;                                             // filtered out
        }
        for (int i = 0; i < keep; i++) {
            p[order[i]] /= mass;                                         // renormalize the survivors
        }
        return p;
    }

    /** A token id drawn from the filtered distribution of {@code logits}; greedy draws nothing from {@code random}. */
    public static int sample(float[] logits, SamplingOptions options, Random random) {
        if (options.temperature() == 0) {
            return argmax(logits);
        }
        return draw(probabilities(logits, options), random);
    }

    /** Inverse-CDF draw: one uniform number per token, so a seeded Random reproduces a whole sequence. */
    static int draw(double[] probabilities, Random random) {
        double u = random.nextDouble();
        double cumulative = 0;
        int lastNonZero = -1;
        for (int id = 0; id < probabilities.length; id++) {
            if (probabilities[id] > 0) {
                cumulative += probabilities[id];
                lastNonZero = id;
                if (u < cumulative) {
                    return id;
                }
            }
        }
        return lastNonZero; // u fell in the rounding gap just below 1
    }

    /** Index of the largest logit, the lowest on a tie (as torch.argmax on CPU). */
    public static int argmax(float[] logits) {
        int best = 0;
        for (int i = 1; i < logits.length; i++) {
            if (logits[i] > logits[best]) {
                best = i;
            }
        }
        return best;
    }

    /** Entropy of a distribution in bits, −Σ p log₂ p over its non-zero entries. */
    public static double entropyBits(double[] probabilities) {
        double nats = 0;
        for (double p : probabilities) {
            if (p > 0) {
                nats -= p * Math.log(p);
            }
        }
        return nats / Math.log(2);
    }

    /** softmax(logits / T) into {@code out} [V], shifted by the maximum so exp never overflows. */
    private static void softmax(float[] logits, double temperature, double[] out) {
        double max = Double.NEGATIVE_INFINITY;
        for (float logit : logits) {
            max = Math.max(max, logit);
        }
        double sum = 0;
        for (int i = 0; i < logits.length; i++) {
            out[i] = Math.exp((logits[i] - max) / temperature);
            sum += out[i];
        }
        for (int i = 0; i < logits.length; i++) {
            out[i] /= sum;
        }
    }

    /** Token ids sorted by descending probability, ties by ascending id (a stable sort keeps that order). */
    static Integer[] byDescendingProbability(double[] p) {
        Integer[] order = new Integer[p.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (a, b) -> Double.compare(p[b], p[a]));
        return order;
    }
}

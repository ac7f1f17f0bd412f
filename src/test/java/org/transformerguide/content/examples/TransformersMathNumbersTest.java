package org.transformerguide.content.examples;

import org.junit.jupiter.api.Test;
import org.transformerguide.content.WorkedNumbers;
import org.transformerguide.testing.SelfContained;

/**
 * Recomputes every {@code numbers} block of content/transformers_math.md from the inputs printed in the
 * block (or in the block it states it builds on) and checks each printed result.
 */
@SelfContained
class TransformersMathNumbersTest {

    private static final String DOC = "transformers_math";

    // ---- Section 2: softmax Jacobian and softmax + cross-entropy ----

    @Test
    void softmaxJacobianIsDiagPMinusOuterProduct() {
        WorkedNumbers n = WorkedNumbers.read(DOC, "softmax-jacobian");
        double[] p = Mat.softmaxRows(Mat.row(n.vector("z")))[0];
        n.assertMatches("p", p);
        n.assertMatches("J", softmaxJacobian(p));
    }

    @Test
    void softmaxCrossEntropyGradientIsPMinusY() {
        WorkedNumbers n = WorkedNumbers.read(DOC, "softmax-cross-entropy");
        double[] p = Mat.softmaxRows(Mat.row(n.vector("z")))[0];
        double[] y = n.vector("y");
        double loss = 0;
        double[] g = new double[p.length];
        for (int j = 0; j < p.length; j++) {
            if (y[j] != 0) {
                loss -= y[j] * Math.log(p[j]);
            }
            g[j] = p[j] - y[j];
        }
        n.assertMatches("loss", loss);
        n.assertMatches("g", g);
    }

    // ---- Section 3: temperature ----

    @Test
    void temperatureRescalesLogitsAndRaisesEntropy() {
        WorkedNumbers n = WorkedNumbers.read(DOC, "temperature");
        double[] z = n.vector("z");
        for (int k = 1; k <= 3; k++) {
            double temperature = n.scalar("T" + k);
            double[] p = Mat.softmaxRows(Mat.scale(Mat.row(z), 1.0 / temperature))[0];
            double entropyBits = 0;
            for (double pj : p) {
                entropyBits -= pj * Math.log(pj) / Math.log(2);
            }
            n.assertMatches("p" + k, p);
            n.assertMatches("H" + k, entropyBits);
        }
    }

    // ---- Section 4: online softmax ----

    @Test
    void onlineSoftmaxMatchesTheRunningMaxAndSumUpdate() {
        WorkedNumbers n = WorkedNumbers.read(DOC, "online-softmax");
        double[] s = n.vector("s");
        double[][] v = n.matrix("V");
        int dv = v[0].length;
        // Block 1 = positions 0 and 1, block 2 = positions 2 and 3, as stated in the document.
        double m = Double.NEGATIVE_INFINITY;
        double l = 0;
        double[] a = new double[dv];
        // block 1
        double m1 = Math.max(m, Math.max(s[0], s[1]));
        double c1 = m == Double.NEGATIVE_INFINITY ? 0 : Math.exp(m - m1);
        double l1 = c1 * l;
        double[] a1 = new double[dv];
        for (int c = 0; c < dv; c++) {
            a1[c] = c1 * a[c];
        }
        for (int j = 0; j < 2; j++) {
            double w = Math.exp(s[j] - m1);
            l1 += w;
            for (int c = 0; c < dv; c++) {
                a1[c] += w * v[j][c];
            }
        }
        n.assertMatches("m1", m1);
        n.assertMatches("l1", l1);
        n.assertMatches("a1", a1);
        // block 2
        double m2 = Math.max(m1, Math.max(s[2], s[3]));
        double correction = Math.exp(m1 - m2);
        double l2 = correction * l1;
        double[] a2 = new double[dv];
        for (int c = 0; c < dv; c++) {
            a2[c] = correction * a1[c];
        }
        for (int j = 2; j < 4; j++) {
            double w = Math.exp(s[j] - m2);
            l2 += w;
            for (int c = 0; c < dv; c++) {
                a2[c] += w * v[j][c];
            }
        }
        n.assertMatches("m2", m2);
        n.assertMatches("c", correction);
        n.assertMatches("l2", l2);
        n.assertMatches("a2", a2);
        double[] o = new double[dv];
        for (int c = 0; c < dv; c++) {
            o[c] = a2[c] / l2;
        }
        n.assertMatches("o", o);
        // The printed output is also the ordinary softmax average softmax(s) V.
        double[][] direct = Mat.mul(Mat.softmaxRows(Mat.row(s)), v);
        n.assertMatches("o", direct);
    }

    // ---- Section 5: RoPE ----

    @Test
    void ropeScoreDependsOnlyOnTheOffset() {
        WorkedNumbers n = WorkedNumbers.read(DOC, "rope-relative");
        double[][] q = Mat.row(n.vector("q"));
        double[][] k = Mat.row(n.vector("k"));
        double theta = n.scalar("theta");
        double m = n.scalar("m");
        double pos = n.scalar("n");
        double shift = n.scalar("shift");
        double[][] qm = Mat.mul(q, rotation(m * theta));
        double[][] kn = Mat.mul(k, rotation(pos * theta));
        n.assertMatches("q_m", qm);
        n.assertMatches("k_n", kn);
        n.assertMatches("score", Mat.mul(qm, Mat.transpose(kn))[0][0]);
        double[][] qs = Mat.mul(q, rotation((m + shift) * theta));
        double[][] ks = Mat.mul(k, rotation((pos + shift) * theta));
        n.assertMatches("score_shift", Mat.mul(qs, Mat.transpose(ks))[0][0]);
        double[][] rel = Mat.mul(Mat.mul(q, rotation((m - pos) * theta)), Mat.transpose(k));
        n.assertMatches("score_rel", rel[0][0]);
    }

    // ---- Section 7: Adam, AdamW, schedule, clipping ----

    @Test
    void adamwDecaysOutsideTheAdaptiveStepWhileL2VanishesIntoIt() {
        WorkedNumbers setup = WorkedNumbers.read(DOC, "adam-setup");
        WorkedNumbers n = WorkedNumbers.read(DOC, "adamw-step-1");
        double lr = setup.scalar("lr");
        double beta1 = setup.scalar("beta1");
        double beta2 = setup.scalar("beta2");
        double eps = setup.scalar("epsilon");
        double theta0 = setup.scalar("theta0");
        double g = setup.scalar("g");
        double wd = n.scalar("lambda");

        double adamw = theta0 - lr * (firstAdamRatio(g, beta1, beta2, eps) + wd * theta0);
        n.assertMatches("theta_adamw", adamw);

        double l2 = theta0 - lr * firstAdamRatio(g + wd * theta0, beta1, beta2, eps);
        n.assertMatches("theta_l2", l2);
    }

    private static double firstAdamRatio(double g, double beta1, double beta2, double eps) {
        double m = (1 - beta1) * g;
        double v = (1 - beta2) * g * g;
        double mHat = m / (1 - beta1);
        double vHat = v / (1 - beta2);
        return mHat / (Math.sqrt(vHat) + eps);
    }

    @Test
    void warmupThenCosineScheduleIsComputedAsPrinted() {
        WorkedNumbers n = WorkedNumbers.read(DOC, "warmup-cosine");
        double lrMax = n.scalar("lr_max");
        double lrMin = n.scalar("lr_min");
        double warmup = n.scalar("warmup");
        double total = n.scalar("total");
        double[] t = n.vector("t");
        double[] lr = new double[t.length];
        for (int i = 0; i < t.length; i++) {
            if (t[i] < warmup) {
                lr[i] = lrMax * t[i] / warmup;
            } else {
                double progress = (t[i] - warmup) / (total - warmup);
                lr[i] = lrMin + 0.5 * (lrMax - lrMin) * (1 + Math.cos(Math.PI * progress));
            }
        }
        n.assertMatches("lr", lr);
    }

    @Test
    void globalNormClippingScalesAllTensorsByOneFactor() {
        WorkedNumbers n = WorkedNumbers.read(DOC, "clip-global-norm");
        double[] ga = n.vector("g_a");
        double[] gb = n.vector("g_b");
        double threshold = n.scalar("c");
        double sumSquares = 0;
        for (double x : ga) {
            sumSquares += x * x;
        }
        for (double x : gb) {
            sumSquares += x * x;
        }
        double norm = Math.sqrt(sumSquares);
        double scale = Math.min(1, threshold / norm);
        n.assertMatches("norm", norm);
        n.assertMatches("scale", scale);
        n.assertMatches("g_a_clip", Mat.scale(Mat.row(ga), scale)[0]);
        n.assertMatches("g_b_clip", Mat.scale(Mat.row(gb), scale)[0]);
    }

    // ---- Section 8: residual scaling ----

    @Test
    void residualProjectionsAreScaledByOneOverSqrtTwoN() {
        WorkedNumbers n = WorkedNumbers.read(DOC, "residual-scaling");
        double factor = 1 / Math.sqrt(2 * n.scalar("N"));
        n.assertMatches("factor", factor);
        n.assertMatches("sigma_out", n.scalar("sigma") * factor);
    }

    // ---- Section 9: compression ----

    @Test
    void lossConvertsToBitsPerTokenPerplexityAndBitsPerCharacter() {
        WorkedNumbers n = WorkedNumbers.read(DOC, "bits-per-char");
        double loss = n.scalar("loss");
        double bits = loss / Math.log(2);
        double bpc = bits / n.scalar("chars");
        n.assertMatches("bits", bits);
        n.assertMatches("ppl", Math.exp(loss));
        n.assertMatches("bpc", bpc);
        n.assertMatches("compressed_bytes", n.scalar("text_chars") * bpc / 8);
    }

    // ---- Section 10: parameters, FLOPs and memory ----

    @Test
    void forwardFlopsAreTwoPerParameterPlusTheAttentionTerm() {
        WorkedNumbers n = WorkedNumbers.read(DOC, "forward-flops");
        double dense = 2 * n.scalar("P");
        double attn = 2 * n.scalar("N") * n.scalar("n") * n.scalar("d_model");
        n.assertMatches("dense", dense);
        n.assertMatches("attn", attn);
        n.assertMatches("total", dense + attn);
        n.assertMatches("share", attn / (dense + attn));
    }

    @Test
    void trainingFlopsAreSixPerParameterPerToken() {
        WorkedNumbers n = WorkedNumbers.read(DOC, "training-flops");
        double flops = 6 * n.scalar("P") * n.scalar("D");
        double pfDay = 1e15 * 86400;
        n.assertMatches("C_pf_days", flops / pfDay);
        double seconds = flops / (n.scalar("peak") * n.scalar("mfu"));
        n.assertMatches("gpu_hours", seconds / 3600);
    }

    @Test
    void gpt3TrainingComputeIsRecomputed() {
        WorkedNumbers n = WorkedNumbers.read(DOC, "gpt3-training-flops");
        double flops = 6 * n.scalar("P") * n.scalar("D");
        n.assertMatches("C_pf_days", flops / (1e15 * 86400));
    }

    @Test
    void adamStateMemoryIsRecomputed() {
        WorkedNumbers n = WorkedNumbers.read(DOC, "adam-memory");
        double p = n.scalar("P");
        // m and v in fp32; plus 16-bit weights and gradients and an fp32 master copy.
        n.assertMatches("state_bytes", 4 + 4);
        n.assertMatches("total_bytes", 2 + 2 + 4 + 4 + 4);
        n.assertMatches("state_gb", p * n.scalar("state_bytes") / 1e9);
        n.assertMatches("total_gb", p * n.scalar("total_bytes") / 1e9);
        n.assertMatches("total_gib", p * n.scalar("total_bytes") / Math.pow(2, 30));
    }

    @Test
    void activationMemoryIsRecomputed() {
        WorkedNumbers n = WorkedNumbers.read(DOC, "activation-memory");
        double d = n.scalar("d_model");
        double layers = n.scalar("N");
        double tokens = n.scalar("n");
        double bytes = n.scalar("bytes");
        // X, U, Q, K, V, A, Y, U2 (d each) and F, G (4d each)
        n.assertMatches("values_per_token", 8 * 1 + 2 * 4);
        double linear = bytes * n.scalar("values_per_token") * d * tokens * layers;
        double scores = bytes * n.scalar("H") * tokens * tokens * layers;
        n.assertMatches("linear_gib", linear / Math.pow(2, 30));
        n.assertMatches("scores_gib", scores / Math.pow(2, 30));
    }

    // ---- helpers ----

    /** J = diag(p) - p^T p for a row p, as in the document. */
    static double[][] softmaxJacobian(double[] p) {
        double[][] row = Mat.row(p);
        double[][] outer = Mat.mul(Mat.transpose(row), row);
        double[][] diag = new double[p.length][p.length];
        for (int i = 0; i < p.length; i++) {
            diag[i][i] = p[i];
        }
        return Mat.add(diag, Mat.scale(outer, -1));
    }

    /** The row-vector rotation R(alpha) = [[cos, sin], [-sin, cos]] of the document. */
    static double[][] rotation(double alpha) {
        return new double[][] {
            {Math.cos(alpha), Math.sin(alpha)},
            {-Math.sin(alpha), Math.cos(alpha)}
        };
    }
}

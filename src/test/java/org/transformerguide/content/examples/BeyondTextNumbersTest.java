package org.transformerguide.content.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.transformerguide.content.WorkedNumbers;
import org.transformerguide.testing.SelfContained;

/**
 * Recomputes every {@code numbers} block of content/beyond_text.md from the inputs printed in the document:
 * results are recomputed at full precision and compared with what the text prints.
 */
@SelfContained
class BeyondTextNumbersTest {

    private static final String DOC = "beyond_text";

    private static WorkedNumbers block(String id) {
        return WorkedNumbers.read(DOC, id);
    }

    // ----- section 1: tokens for everything --------------------------------------------------------

    @Test
    void sequenceLengthsAndScoresOfAnImageAndAClipOfAudio() {
        WorkedNumbers n = block("token-counts");
        double patches = Math.pow(n.scalar("image_side") / n.scalar("patch_side"), 2);
        n.assertMatches("image_tokens", patches);
        n.assertMatches("image_scores", patches * patches);
        double frames = n.scalar("audio_seconds") * 1000 / n.scalar("frame_ms");
        n.assertMatches("audio_frames", frames);
        n.assertMatches("audio_tokens", frames / 2); // Whisper's second convolution has stride 2
        n.assertMatches("audio_scores", (frames / 2) * (frames / 2));
    }

    // ----- section 2: the Vision Transformer --------------------------------------------------------

    @Test
    void aTinyImageIsCutIntoPatchesEmbeddedAndSummarizedByTheClassToken() {
        WorkedNumbers in = block("vit-inputs");
        double[][] image = in.matrix("image");
        int side = 2;
        int perRow = image[0].length / side;
        double[][] patches = new double[perRow * perRow][side * side];
        for (int pr = 0; pr < perRow; pr++) {
            for (int pc = 0; pc < perRow; pc++) {
                for (int r = 0; r < side; r++) {
                    for (int c = 0; c < side; c++) {
                        patches[pr * perRow + pc][r * side + c] = image[pr * side + r][pc * side + c];
                    }
                }
            }
        }
        WorkedNumbers emb = block("vit-embedding");
        emb.assertMatches("X_p", patches);
        double[][] projected = Mat.mul(patches, in.matrix("E"));
        emb.assertMatches("X_pE", projected);
        double[][] withPositions = Mat.add(projected, in.matrix("E_pos"));
        double[][] x = new double[withPositions.length + 1][];
        x[0] = in.vector("x_cls");
        System.arraycopy(withPositions, 0, x, 1, withPositions.length);
        emb.assertMatches("X", x);

        WorkedNumbers att = block("vit-cls-attention");
        double[] scores = new double[x.length];
        for (int j = 0; j < x.length; j++) {
            scores[j] = Mat.dot(x[0], x[j]) / Math.sqrt(2);
        }
        att.assertMatches("s", scores);
        double[] weights = Mat.softmaxRows(Mat.row(scores))[0];
        att.assertMatches("a", weights);
        att.assertMatches("z", Mat.mul(Mat.row(weights), x)[0]);
    }

    @Test
    void vitBaseTokensAndPatchEmbedding() {
        WorkedNumbers n = block("vit-base");
        double patches = Math.pow(n.scalar("image_side") / n.scalar("patch_side"), 2);
        n.assertMatches("patches", patches);
        n.assertMatches("tokens", patches + 1);
        double numbers = n.scalar("patch_side") * n.scalar("patch_side") * n.scalar("channels");
        n.assertMatches("patch_numbers", numbers);
        double dModel = 768;
        n.assertMatches("embedding_params", numbers * dModel + dModel);
    }

    // ----- section 3: image tokenizers -------------------------------------------------------------

    @Test
    void eachVectorBecomesTheIndexOfItsNearestCodebookEntry() {
        WorkedNumbers n = block("vq-lookup");
        double[][] codebook = n.matrix("codebook");
        double[][] z = n.matrix("z");
        double[][] d = new double[z.length][codebook.length];
        double[] tokens = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            for (int k = 0; k < codebook.length; k++) {
                for (int c = 0; c < z[i].length; c++) {
                    d[i][k] += Math.pow(z[i][c] - codebook[k][c], 2);
                }
                if (d[i][k] < d[i][(int) tokens[i]]) {
                    tokens[i] = k;
                }
            }
        }
        n.assertMatches("d", d);
        n.assertMatches("tokens", tokens);
    }

    @Test
    void anImageAsThirteenBitTokens() {
        WorkedNumbers n = block("image-tokens");
        n.assertMatches("raw_bits", 256.0 * 256 * 3 * 8);
        n.assertMatches("bits_per_token", Math.log(8192) / Math.log(2));
        double tokenBits = n.scalar("tokens") * n.scalar("bits_per_token");
        n.assertMatches("tokens", 32 * 32);
        n.assertMatches("token_bits", tokenBits);
        n.assertMatches("ratio", n.scalar("raw_bits") / tokenBits);
    }

    // ----- section 4: diffusion -------------------------------------------------------------------

    @Test
    void noisingAndEstimatingTheCleanLatent() {
        WorkedNumbers n = block("diffusion-step");
        double[] x0 = n.vector("x0");
        double[] eps = n.vector("eps");
        double[] epsHat = n.vector("eps_hat");
        double ab = n.scalar("alpha_bar");
        double[] xt = new double[x0.length];
        double[] x0Hat = new double[x0.length];
        for (int i = 0; i < x0.length; i++) {
            xt[i] = Math.sqrt(ab) * x0[i] + Math.sqrt(1 - ab) * eps[i];
            x0Hat[i] = (xt[i] - Math.sqrt(1 - ab) * epsHat[i]) / Math.sqrt(ab);
            // with the true noise the estimate is exact: the formula really inverts the noising
            assertThat((xt[i] - Math.sqrt(1 - ab) * eps[i]) / Math.sqrt(ab)).isCloseTo(x0[i], org.assertj.core.data.Offset.offset(1e-12));
        }
        n.assertMatches("x_t", xt);
        n.assertMatches("x0_hat", x0Hat);
    }

    @Test
    void ditTokensPerPatchSize() {
        WorkedNumbers n = block("dit-tokens");
        double[] p = n.vector("p");
        double[] tokens = new double[p.length];
        double[] numbers = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            tokens[i] = Math.pow(n.scalar("latent_side") / p[i], 2);
            numbers[i] = p[i] * p[i] * n.scalar("latent_channels");
        }
        n.assertMatches("tokens", tokens);
        n.assertMatches("patch_numbers", numbers);
    }

    // ----- section 5: speech ----------------------------------------------------------------------

    @Test
    void whisperWindow() {
        WorkedNumbers n = block("whisper-input");
        double frames = n.scalar("seconds") * 100; // one frame every 10 ms
        n.assertMatches("frames", frames);
        n.assertMatches("input_numbers", frames * n.scalar("mel_bands"));
        n.assertMatches("positions", frames / 2);
        n.assertMatches("positions_per_second", frames / 2 / n.scalar("seconds"));
    }

    @Test
    void codecTokenRate() {
        WorkedNumbers n = block("codec-tokens");
        n.assertMatches("samples_per_frame", n.scalar("sample_rate") / n.scalar("frames_per_second"));
        n.assertMatches("bits_per_code", Math.log(1024) / Math.log(2));
        double bitrate = n.scalar("frames_per_second") * n.scalar("codebooks") * n.scalar("bits_per_code");
        n.assertMatches("bitrate", bitrate);
        n.assertMatches("pcm_bitrate", n.scalar("sample_rate") * 16);
        n.assertMatches("ratio", n.scalar("sample_rate") * 16 / bitrate);
        n.assertMatches("tokens", n.scalar("seconds") * n.scalar("frames_per_second") * n.scalar("codebooks"));
    }

    // ----- section 6: graphs ----------------------------------------------------------------------

    @Test
    void aShortestPathBiasMovesAttentionToNearbyNodes() {
        WorkedNumbers n = block("graph-bias");
        double[] s = n.vector("s");
        double[] spd = n.vector("spd");
        double[] b = n.vector("b");
        // the distances of node 1 in the graph with edges 1-2, 2-3, 2-4, 3-4, by breadth-first search
        int[][] edges = {{0, 1}, {1, 2}, {1, 3}, {2, 3}};
        n.assertMatches("spd", distancesFrom(0, 4, edges));
        double[] biased = new double[s.length];
        for (int j = 0; j < s.length; j++) {
            biased[j] = s[j] + b[(int) spd[j]];
        }
        n.assertMatches("s_biased", biased);
        n.assertMatches("a_plain", Mat.softmaxRows(Mat.row(s))[0]);
        n.assertMatches("a_biased", Mat.softmaxRows(Mat.row(biased))[0]);
    }

    private static double[] distancesFrom(int start, int nodes, int[][] edges) {
        double[] d = new double[nodes];
        java.util.Arrays.fill(d, -1);
        d[start] = 0;
        java.util.ArrayDeque<Integer> queue = new java.util.ArrayDeque<>(java.util.List.of(start));
        while (!queue.isEmpty()) {
            int u = queue.poll();
            for (int[] e : edges) {
                for (int side = 0; side < 2; side++) {
                    int from = e[side];
                    int to = e[1 - side];
                    if (from == u && d[to] < 0) {
                        d[to] = d[u] + 1;
                        queue.add(to);
                    }
                }
            }
        }
        return d;
    }

    @Test
    void thePathGraphsLaplacianEigenvectorsAreCosineWaves() {
        WorkedNumbers n = block("path-laplacian");
        int size = 4;
        double[][] laplacian = new double[size][size];
        for (int i = 0; i + 1 < size; i++) {
            laplacian[i][i + 1] = laplacian[i + 1][i] = -1;
            laplacian[i][i] += 1;
            laplacian[i + 1][i + 1] += 1;
        }
        n.assertMatches("L", laplacian);
        for (int k = 1; k <= 2; k++) {
            double[] v = new double[size];
            for (int i = 0; i < size; i++) {
                v[i] = Math.sqrt(2.0 / size) * Math.cos(Math.PI * k * (i + 0.5) / size);
            }
            double lambda = 2 - 2 * Math.cos(Math.PI * k / size);
            n.assertMatches("v" + k, v);
            n.assertMatches("lambda" + k, lambda);
            double[] lv = Mat.transpose(Mat.mul(laplacian, Mat.transpose(Mat.row(v))))[0];
            for (int i = 0; i < size; i++) {
                assertThat(lv[i]).as("L v = lambda v, entry " + i).isCloseTo(lambda * v[i], org.assertj.core.data.Offset.offset(1e-12));
            }
            assertThat(Mat.norm(v)).isCloseTo(1, org.assertj.core.data.Offset.offset(1e-12));
        }
    }

    // ----- section 7: multimodal ------------------------------------------------------------------

    @Test
    void anImageInLlavasContext() {
        WorkedNumbers n = block("llava-image-tokens");
        double tokens = Math.pow(n.scalar("image_side") / n.scalar("patch_side"), 2);
        n.assertMatches("image_tokens", tokens);
        n.assertMatches("words_equivalent", tokens * n.scalar("words_per_token"));
    }

    // ----- section 8: the big ideas ---------------------------------------------------------------

    @Test
    void exactMatchJumpsWhileTheLossFallsSmoothly() {
        WorkedNumbers n = block("emergence");
        double[] p = n.vector("p");
        double[] exact = new double[p.length];
        double[] loss = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            exact[i] = Math.pow(p[i], 10);
            loss[i] = -Math.log(p[i]);
        }
        n.assertMatches("exact", exact);
        n.assertMatches("loss", loss);
    }

    @Test
    void oneGradientStepOnTheExamplesIsALinearAttentionHead() {
        WorkedNumbers n = block("icl-gradient-step");
        double[][] x = n.matrix("x");
        double[] y = n.vector("y");
        double[] q = n.vector("x_q");
        double eta = n.scalar("eta");
        double[] w = new double[q.length];
        double[] scores = new double[y.length];
        double attention = 0;
        for (int i = 0; i < y.length; i++) {
            for (int c = 0; c < q.length; c++) {
                w[c] += eta * y[i] * x[i][c]; // the gradient of the squared error at w = 0 is -sum y_i x_i
            }
            scores[i] = Mat.dot(x[i], q);
            attention += eta * y[i] * scores[i];
        }
        n.assertMatches("w_1", w);
        n.assertMatches("scores", scores);
        n.assertMatches("y_gd", Mat.dot(w, q));
        n.assertMatches("y_attention", attention);
    }

    @Test
    void aNeuralTuringMachineReadsByContent() {
        WorkedNumbers n = block("ntm-read");
        double[][] memory = n.matrix("M");
        double[] k = n.vector("k");
        double[] cos = new double[memory.length];
        for (int i = 0; i < memory.length; i++) {
            cos[i] = Mat.dot(k, memory[i]) / (Mat.norm(k) * Mat.norm(memory[i]));
        }
        n.assertMatches("cos", cos);
        double[] sharpened = new double[cos.length];
        for (int i = 0; i < cos.length; i++) {
            sharpened[i] = n.scalar("beta") * cos[i];
        }
        double[] w = Mat.softmaxRows(Mat.row(sharpened))[0];
        n.assertMatches("w", w);
        n.assertMatches("r", Mat.mul(Mat.row(w), memory)[0]);
    }
}

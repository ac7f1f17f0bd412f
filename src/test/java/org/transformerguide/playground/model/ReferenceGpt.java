package org.transformerguide.playground.model;

import org.apache.commons.math3.special.Erf;

/**
 * The same GPT written as plain Java loops over one sequence at a time, straight from the equations
 * (nanoGPT's layout: [Q K V] column blocks, head h = columns h·hs .. (h+1)·hs of each). It pins down
 * what the ND4J forward pass must compute, which a gradient check alone cannot: a consistently
 * scrambled head split would still have correct gradients.
 */
final class ReferenceGpt {

    private final Gpt model;
    private final double[] parameters; // a double copy of the model's values, perturbed by the gradient check
    private final int c;
    private final int heads;
    private final int hs;

    ReferenceGpt(Gpt model) {
        this.model = model;
        float[] values = model.parameterSet().values();
        this.parameters = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            parameters[i] = values[i];
        }
        this.c = model.config().nEmbd();
        this.heads = model.config().nHead();
        this.hs = model.config().headSize();
    }

    /** Logits [T][V] for one sequence. */
    double[][] logits(int[] tokens) {
        return logits(tokens, 0, null);
    }

    /**
     * Logits [T][V] for sequence {@code b} of a batch, with the dropout masks that the float model drew
     * for it in {@code masks} (its latest training pass), or none when null.
     */
    double[][] logits(int[] tokens, int b, Gpt.Activations masks) {
        int time = tokens.length;
        boolean drop = masks != null && masks.dropped;
        double[][] wte = matrix("wte");
        double[][] wpe = matrix("wpe");
        double[][] x = new double[time][c];
        for (int t = 0; t < time; t++) {
            for (int j = 0; j < c; j++) {
                x[t][j] = wte[tokens[t]][j] + wpe[t][j];
                if (drop) {
                    x[t][j] *= masks.embeddingMask[(b * time + t) * c + j];
                }
            }
        }
        for (int l = 0; l < model.config().nLayer(); l++) {
            String h = "h" + l;
            Block.State state = drop ? masks.blocks[l] : null;
            double[][] u = layerNorm(x, h + ".ln1");
            double[][] qkv = linear(u, h + ".attn.qkv");
            double[][] a = new double[time][c];
            for (int head = 0; head < heads; head++) {
                for (int t = 0; t < time; t++) {
                    double[] scores = new double[t + 1]; // causal: keys 0..t only
                    double max = Double.NEGATIVE_INFINITY;
                    for (int s = 0; s <= t; s++) {
                        double dot = 0;
                        for (int d = 0; d < hs; d++) {
                            dot += qkv[t][head * hs + d] * qkv[s][c + head * hs + d];
                        }
                        scores[s] = dot / Math.sqrt(hs);
                        max = Math.max(max, scores[s]);
                    }
                    double sum = 0;
                    for (int s = 0; s <= t; s++) {
                        scores[s] = Math.exp(scores[s] - max);
                        sum += scores[s];
                    }
                    for (int s = 0; s <= t; s++) {
                        double weight = scores[s] / sum;
                        if (drop) {
                            weight *= state.attn.probMask[((b * heads + head) * time + t) * time + s];
                        }
                        for (int d = 0; d < hs; d++) {
                            a[t][head * hs + d] += weight * qkv[s][2 * c + head * hs + d];
                        }
                    }
                }
            }
            x = add(x, dropped(linear(a, h + ".attn.proj"), drop ? state.attnMask : null, b));
            double[][] f = linear(layerNorm(x, h + ".ln2"), h + ".mlp.fc");
            for (double[] row : f) {
                for (int j = 0; j < row.length; j++) {
                    row[j] = 0.5 * row[j] * (1 + Erf.erf(row[j] / Math.sqrt(2)));
                }
            }
            x = add(x, dropped(linear(f, h + ".mlp.proj"), drop ? state.mlpMask : null, b));
        }
        double[][] out = layerNorm(x, "lnf");
        double[][] logits = new double[time][wte.length];
        for (int t = 0; t < time; t++) {
            for (int v = 0; v < wte.length; v++) {
                for (int j = 0; j < c; j++) {
                    logits[t][v] += out[t][j] * wte[v][j];
                }
            }
        }
        return logits;
    }

    private double[][] layerNorm(double[][] x, String name) {
        double[] gain = matrix(name + ".gain")[0];
        double[] bias = matrix(name + ".bias")[0];
        double[][] y = new double[x.length][c];
        for (int t = 0; t < x.length; t++) {
            double mean = 0;
            for (double value : x[t]) {
                mean += value / c;
            }
            double variance = 0;
            for (double value : x[t]) {
                variance += (value - mean) * (value - mean) / c;
            }
            for (int j = 0; j < c; j++) {
                y[t][j] = gain[j] * (x[t][j] - mean) / Math.sqrt(variance + LayerNorm.EPSILON) + bias[j];
            }
        }
        return y;
    }

    private double[][] linear(double[][] x, String name) {
        double[][] w = matrix(name + ".weight");
        double[] b = matrix(name + ".bias")[0];
        double[][] y = new double[x.length][b.length];
        for (int t = 0; t < x.length; t++) {
            for (int o = 0; o < b.length; o++) {
                double sum = b[o];
                for (int i = 0; i < w.length; i++) {
                    sum += x[t][i] * w[i][o];
                }
                y[t][o] = sum;
            }
        }
        return y;
    }

    /** branch ⊙ sequence b's rows of a dropout mask [B·T, C] (or the branch itself). */
    private double[][] dropped(double[][] branch, float[] mask, int b) {
        if (mask == null) {
            return branch;
        }
        int time = branch.length;
        for (int t = 0; t < time; t++) {
            for (int j = 0; j < c; j++) {
                branch[t][j] *= mask[(b * time + t) * c + j];
            }
        }
        return branch;
    }

    private static double[][] add(double[][] a, double[][] b) {
        double[][] sum = new double[a.length][a[0].length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                sum[i][j] = a[i][j] + b[i][j];
            }
        }
        return sum;
    }

    /** Parameter number i (in the model's flat order), read by every later call. */
    void set(int i, double value) {
        parameters[i] = value;
    }

    double get(int i) {
        return parameters[i];
    }

    /** Mean cross-entropy over B sequences, in double: what the float model's backward pass differentiates. */
    double loss(int[][] tokens, int[][] targets) {
        return loss(tokens, targets, null);
    }

    /** The same with the dropout masks of the float model's latest training pass over these tokens. */
    double loss(int[][] tokens, int[][] targets, Gpt.Activations masks) {
        double sum = 0;
        int count = 0;
        for (int b = 0; b < tokens.length; b++) {
            double[][] logits = logits(tokens[b], b, masks);
            for (int t = 0; t < logits.length; t++) {
                double max = Double.NEGATIVE_INFINITY;
                for (double z : logits[t]) {
                    max = Math.max(max, z);
                }
                double total = 0;
                for (double z : logits[t]) {
                    total += Math.exp(z - max);
                }
                sum += max + Math.log(total) - logits[t][targets[b][t]];
                count++;
            }
        }
        return sum / count;
    }

    private double[][] matrix(String name) {
        Parameter p = model.parameterSet().get(name);
        int rows = p.shape()[0];
        int cols = p.size() / rows;
        double[][] m = new double[rows][cols];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(parameters, p.offset() + r * cols, m[r], 0, cols);
        }
        return m;
    }
}

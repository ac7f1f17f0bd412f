package org.transformerguide.content.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.transformerguide.content.WorkedNumbers;
import org.transformerguide.testing.SelfContained;

/**
 * Recomputes the {@code numbers} blocks of content/transformers.md on scale (sections 12 to 18: parameter
 * counts, training budgets, the KV cache, quantization, LoRA, perplexity) from the inputs printed in the
 * document; the model's parts (sections 4 to 11) are {@link TransformersNumbersTest}'s. Results are
 * recomputed at full precision and compared with what the text prints.
 */
@SelfContained
class TransformersScaleNumbersTest {

    private static final String DOC = "transformers";

    private static WorkedNumbers block(String id) {
        return WorkedNumbers.read(DOC, id);
    }

    // ----- section 12: parameter counts --------------------------------------------------------------

    @Test
    void parameterCountOfTheTinyModel() {
        checkGptParameterCount(block("params-tiny"));
    }

    @Test
    void parameterCountOfGpt2Small() {
        WorkedNumbers n = block("params-gpt2-small");
        checkGptParameterCount(n);
        assertEquals(124_439_808.0, n.scalar("total"), "GPT-2 small has 124,439,808 parameters");
    }

    /** Learned positions, pre-LN blocks with biases, d_ff = 4 d_model, final LayerNorm, tied output head. */
    private static void checkGptParameterCount(WorkedNumbers n) {
        double vocab = n.scalar("vocab");
        double ctx = n.scalar("n_ctx");
        double d = n.scalar("d_model");
        double layers = n.scalar("N");
        double tok = vocab * d;
        double pos = ctx * d;
        double layerNorms = 2 * (2 * d);
        double attention = 4 * d * d + 4 * d;
        double ffn = d * 4 * d + 4 * d + 4 * d * d + d;
        double perBlock = layerNorms + attention + ffn;
        double finalLn = 2 * d;
        double total = tok + pos + layers * perBlock + finalLn;
        n.assertMatches("tok_emb", tok);
        n.assertMatches("pos_emb", pos);
        n.assertMatches("per_block", perBlock);
        n.assertMatches("per_block", 12 * d * d + 13 * d);
        n.assertMatches("blocks", layers * perBlock);
        n.assertMatches("final_ln", finalLn);
        n.assertMatches("total", total);
        n.assertMatches("untied_total", total + vocab * d);
    }

    // ----- section 14: training budget ---------------------------------------------------------------

    @Test
    void trainingBudgetOfAOneBillionParameterModel() {
        WorkedNumbers n = block("training-budget");
        double params = n.scalar("params_billion") * 1e9;
        double tokensBillion = n.scalar("params_billion") * n.scalar("tokens_per_param");
        n.assertMatches("tokens_billion", tokensBillion);
        double perStep = n.scalar("batch_seqs") * n.scalar("seq_len");
        n.assertMatches("tokens_per_step", perStep);
        n.assertMatches("steps", tokensBillion * 1e9 / perStep);
        double flops = 6 * params * tokensBillion * 1e9;
        n.assertMatches("compute_exaflop", flops / 1e18);
        n.assertMatches("gpu_hours", flops / (n.scalar("sustained_tflops") * 1e12) / 3600);
    }

    @Test
    void chinchillaComputeOptimalRecipe() {
        WorkedNumbers n = block("chinchilla");
        double tokensBillion = n.scalar("params_billion") * n.scalar("tokens_per_param");
        n.assertMatches("tokens_billion", tokensBillion);
        n.assertMatches("compute_zettaflop", 6 * n.scalar("params_billion") * 1e9 * tokensBillion * 1e9 / 1e21);
    }

    @Test
    void gpt3sBudgetSplitTheChinchillaWay() {
        WorkedNumbers n = block("gpt3-chinchilla");
        double params = n.scalar("params_billion") * 1e9;
        double tokens = n.scalar("tokens_billion") * 1e9;
        n.assertMatches("tokens_per_param", tokens / params);
        double compute = 6 * params * tokens;
        n.assertMatches("compute_zettaflop", compute / 1e21);
        double optimal = Math.sqrt(compute / (6 * 20)); // C = 6 P (20 P)
        n.assertMatches("optimal_params_billion", optimal / 1e9);
        n.assertMatches("optimal_tokens_billion", 20 * optimal / 1e9);
    }

    // ----- section 15: KV cache ----------------------------------------------------------------------

    @Test
    void kvCacheOfASevenBillionParameterModel() {
        WorkedNumbers n = block("kv-cache");
        double perToken = 2 * n.scalar("layers") * n.scalar("d_model") * n.scalar("bytes_per_value");
        n.assertMatches("bytes_per_token", perToken);
        double total = perToken * n.scalar("context") * n.scalar("batch");
        n.assertMatches("total_bytes", total);
        double gib = 1024.0 * 1024 * 1024;
        n.assertMatches("total_gib", total / gib);
        n.assertMatches("total_gib_batch8", 8 * perToken * n.scalar("context") / gib);
    }

    @Test
    void groupedQueryAttentionShrinksTheCache() {
        WorkedNumbers n = block("kv-cache-gqa");
        double perHead = 2 * n.scalar("layers") * n.scalar("d_head") * n.scalar("bytes_per_value");
        n.assertMatches("bytes_per_token", perHead * n.scalar("kv_heads"));
        n.assertMatches("bytes_per_token_mha", perHead * n.scalar("heads"));
    }

    // ----- section 17: quantization and LoRA --------------------------------------------------------

    @Test
    void weightMemoryAtEachPrecision() {
        WorkedNumbers n = block("quantization-memory");
        double params = n.scalar("params_billion") * 1e9;
        n.assertMatches("gb_fp32", params * 4 / 1e9);
        n.assertMatches("gb_fp16", params * 2 / 1e9);
        n.assertMatches("gb_int8", params * 1 / 1e9);
        n.assertMatches("gb_int4", params * 0.5 / 1e9);
    }

    @Test
    void symmetricRoundToNearestQuantization() {
        WorkedNumbers n = block("quantization-example");
        double[] w = n.vector("w");
        checkQuantization(n, w, 127, "s8", "q8", "w8", "err8");
        checkQuantization(n, w, 7, "s4", "q4", "w4", "err4");
    }

    private static void checkQuantization(WorkedNumbers n, double[] w, int levels, String scaleName,
            String intName, String dequantName, String errorName) {
        double max = Arrays.stream(w).map(Math::abs).max().orElseThrow();
        double scale = max / levels;
        n.assertMatches(scaleName, scale);
        double[] q = Arrays.stream(w).map(v -> Math.round(v / scale)).toArray();
        n.assertMatches(intName, q);
        double[] back = Arrays.stream(q).map(v -> v * scale).toArray();
        n.assertMatches(dequantName, back);
        double err = 0;
        for (int i = 0; i < w.length; i++) {
            err = Math.max(err, Math.abs(w[i] - back[i]));
        }
        n.assertMatches(errorName, err);
    }

    @Test
    void loraParameterCounts() {
        WorkedNumbers n = block("lora");
        double full = n.scalar("d_in") * n.scalar("d_out");
        double lora = n.scalar("r") * (n.scalar("d_in") + n.scalar("d_out"));
        n.assertMatches("full", full);
        n.assertMatches("lora", lora);
        n.assertMatches("percent", 100 * lora / full);
        n.assertMatches("total_lora", lora * n.scalar("layers") * n.scalar("matrices_per_layer"));
    }

    // ----- section 18: perplexity ------------------------------------------------------------------

    @Test
    void perplexityOfFourPredictions() {
        WorkedNumbers n = block("perplexity");
        double loss = -Arrays.stream(n.vector("p")).map(Math::log).average().orElseThrow();
        n.assertMatches("loss", loss);
        n.assertMatches("ppl", Math.exp(loss));
        n.assertMatches("bits", loss / Math.log(2));
    }
}

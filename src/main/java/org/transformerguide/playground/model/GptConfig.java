package org.transformerguide.playground.model;

/**
 * The size of a GPT, with nanoGPT's names. Decoder-only, learned token and position embeddings,
 * {@code nLayer} pre-LayerNorm blocks of causal multi-head self-attention and a 4x GELU MLP, a final
 * LayerNorm and a linear head tied to the token embedding. Every linear layer has a bias.
 *
 * @param nLayer    number of transformer blocks
 * @param nHead     attention heads per block
 * @param nEmbd     width of the residual stream, C (d_model in the guide); a multiple of nHead
 * @param blockSize longest context the model reads, T_max (position embeddings exist up to it)
 * @param vocabSize number of token ids, V
 * @param dropout   dropout probability in training, 0 to below 1 (embeddings, attention probabilities, both branch outputs)
 */
public record GptConfig(int nLayer, int nHead, int nEmbd, int blockSize, int vocabSize, double dropout) {

    public GptConfig {
        require(nLayer >= 1, "nLayer must be at least 1, not " + nLayer);
        require(nHead >= 1, "nHead must be at least 1, not " + nHead);
        require(nEmbd >= 1, "nEmbd must be at least 1, not " + nEmbd);
        require(nEmbd % nHead == 0, "nEmbd (" + nEmbd + ") must be divisible by nHead (" + nHead + ")");
        require(blockSize >= 1, "blockSize must be at least 1, not " + blockSize);
        require(vocabSize >= 1, "vocabSize must be at least 1, not " + vocabSize);
        require(dropout >= 0 && dropout < 1, "dropout must be in [0, 1), not " + dropout);
    }

    /** nanoGPT's CPU configuration for character-level Shakespeare (config/train_shakespeare_char.py with its README's CPU overrides). */
    public static GptConfig nanoGptShakespeareCpu(int vocabSize) {
        return new GptConfig(4, 4, 128, 64, vocabSize, 0.0);
    }

    /** Width of one attention head, C / H. */
    public int headSize() {
        return nEmbd / nHead;
    }

    /** Trainable numbers in one block: two LayerNorms, attention (qkv and output projection) and the MLP, with biases. */
    public long blockParameterCount() {
        long c = nEmbd;
        long layerNorms = 2 * (2 * c);            // gain and bias, twice
        long attention = c * 3 * c + 3 * c        // W_qkv [C, 3C], b_qkv
                + c * c + c;                      // W_O [C, C], b_O
        long mlp = c * 4 * c + 4 * c              // W_1 [C, 4C], b_1
                + 4 * c * c + c;                  // W_2 [4C, C], b_2
        return layerNorms + attention + mlp;      // 12 C^2 + 13 C
    }

    /** Every trainable number: embeddings (the head shares the token embedding), blocks, final LayerNorm. */
    public long parameterCount() {
        return (long) vocabSize * nEmbd + (long) blockSize * nEmbd + nLayer * blockParameterCount() + 2L * nEmbd;
    }

    /**
     * FLOPs of one training step (forward and backward) per token at context {@code t}, nanoGPT's estimate
     * (from the PaLM paper): 6 per parameter that takes part in a matrix product (all but the position
     * embedding) plus 12 L H (C/H) t for the attention scores and their weighted sums. The causal mask's
     * skipped half is counted, as nanoGPT does.
     */
    public double trainingFlopsPerToken(int t) {
        double matmulParameters = parameterCount() - (double) blockSize * nEmbd;
        return 6 * matmulParameters + 12.0 * nLayer * nHead * headSize() * t;
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}

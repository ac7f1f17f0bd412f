package org.transformerguide.playground.model;

/**
 * Work buffers for one token of each of up to {@code capacity} sequences per pass ({@link Gpt#step}), and
 * a copy of the blocks' weight matrices in the panels its products read fastest: a batch serves the
 * weights its model had when the batch was made (a served model's never change; make a new batch after
 * training one).
 */
public final class StepBatch {

    final Gpt model;
    final int capacity;
    final Block.State work;   // one block's buffers for N rows, reused layer after layer
    final float[] x;          // the stream [N, C]
    final float[] h;          // LN_f of the stream [N, C]
    final float[] stats;      // [N, 2]
    final float[] logits;     // [N, V]
    final Scratch scratch;
    final Block.Packed[] weights; // each block's weight matrices in panels: a copy, made with the batch

    StepBatch(Gpt model, int capacity) {
        GptConfig config = model.config();
        int c = config.nEmbd();
        this.model = model;
        this.capacity = capacity;
        work = new Block.State(config, capacity, 1, config.blockSize(), false);
        x = new float[capacity * c];
        h = new float[capacity * c];
        stats = new float[2 * capacity];
        logits = new float[capacity * config.vocabSize()];
        scratch = new Scratch(config, org.transformerguide.playground.kernels.Kernels.threads(), false);
        weights = new Block.Packed[model.blocks.length];
        for (int l = 0; l < weights.length; l++) {
            weights[l] = model.blocks[l].pack();
        }
    }

    public int capacity() {
        return capacity;
    }
}

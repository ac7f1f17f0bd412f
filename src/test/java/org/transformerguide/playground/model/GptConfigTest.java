package org.transformerguide.playground.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.transformerguide.testing.EngineTest;

@EngineTest
class GptConfigTest {

    @Test
    void parameterCountOfNanoGptsShakespeareCpuModel() {
        GptConfig config = GptConfig.nanoGptShakespeareCpu(65);
        // Per block 12 C² + 13 C = 12·16384 + 13·128 = 198,272; four blocks 793,088;
        // wte 65·128 = 8,320; wpe 64·128 = 8,192; final LayerNorm 256. Total 809,856.
        assertThat(config.blockParameterCount()).isEqualTo(198_272);
        assertThat(config.parameterCount()).isEqualTo(809_856);
        assertThat(config.headSize()).isEqualTo(32);
        // Training FLOPs per token at T = 64: 6 · (809,856 − 8,192) + 12 · 4 · 4 · 32 · 64 = 4,809,984 + 393,216.
        assertThat(config.trainingFlopsPerToken(64)).isEqualTo(5_203_200.0);
    }

    @Test
    void theModelAllocatesExactlyTheCountedParameters() {
        GptConfig config = new GptConfig(2, 2, 8, 6, 11, 0);
        Gpt model = new Gpt(config, 1);
        assertThat(model.parameterSet().size()).isEqualTo(config.parameterCount());
        assertThat(model.parameters().stream().mapToLong(Parameter::size).sum()).isEqualTo(config.parameterCount());
        assertThat(model.parameters()).extracting(Parameter::name).startsWith("wte", "wpe", "h0.ln1.gain").endsWith("lnf.gain", "lnf.bias");
        assertThat(model.parameterSet().get("h1.attn.qkv.weight").shape()).containsExactly(8, 24);
        assertThat(model.parameterSet().get("h1.mlp.proj.weight").shape()).containsExactly(32, 8);
        assertThat(model.parameterSet().get("h1.mlp.proj.weight").decay()).isTrue();
        assertThat(model.parameterSet().get("h1.mlp.proj.bias").decay()).isFalse();
    }

    @Test
    void invalidConfigurationsAreRejected() {
        assertThatThrownBy(() -> new GptConfig(2, 3, 8, 6, 11, 0)).hasMessageContaining("divisible");
        assertThatThrownBy(() -> new GptConfig(0, 2, 8, 6, 11, 0)).hasMessageContaining("nLayer");
        assertThatThrownBy(() -> new GptConfig(2, 2, 8, 0, 11, 0)).hasMessageContaining("blockSize");
        assertThatThrownBy(() -> new GptConfig(2, 2, 8, 6, 0, 0)).hasMessageContaining("vocabSize");
        assertThatThrownBy(() -> new GptConfig(2, 2, 8, 6, 11, 1.0)).hasMessageContaining("dropout");
        assertThatThrownBy(() -> new GptConfig(2, 2, 8, 6, 11, -0.1)).hasMessageContaining("dropout");
    }
}

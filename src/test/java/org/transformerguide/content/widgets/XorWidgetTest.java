package org.transformerguide.content.widgets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class XorWidgetTest {

    @Test
    void theXorWidgetTakesTheNetworkSettingsWithinTheApisBounds() {
        Widgets.Placement defaults = Widgets.parse("xor-mlp", "", 1);
        assertThat(defaults.options()).containsEntry("hidden", "4").containsEntry("activation", "tanh")
                .containsEntry("learning-rate", "1").containsEntry("epochs", "2000").doesNotContainKey("seed");
        Widgets.Placement one = Widgets.parse("xor-mlp", "hidden: 1\nactivation: sigmoid\nlearning-rate: 0.5\nseed: 7\n", 1);
        assertThat(one.options()).containsEntry("hidden", "1").containsEntry("activation", "sigmoid").containsEntry("seed", "7");
        assertThat(one.fallback()).contains("1 hidden sigmoid unit and").contains("learning rate 0.5").contains("XOR");
        assertThat(defaults.fallback()).contains("4 hidden tanh units");

        assertThatThrownBy(() -> Widgets.parse("xor-mlp", "hidden: 17\n", 3)).hasMessageContaining("'hidden' must be between 1 and 16");
        assertThatThrownBy(() -> Widgets.parse("xor-mlp", "activation: gelu\n", 3)).hasMessageContaining("sigmoid, tanh or relu")
                .satisfies(e -> assertThat(((WidgetSyntaxException) e).line()).isEqualTo(3));
        assertThatThrownBy(() -> Widgets.parse("xor-mlp", "learning-rate: 20\n", 3)).hasMessageContaining("'learning-rate'");
        assertThatThrownBy(() -> Widgets.parse("xor-mlp", "epochs: 5001\n", 3)).hasMessageContaining("'epochs'");
    }
}

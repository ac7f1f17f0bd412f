package org.transformerguide.playground.xor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.transformerguide.testing.SelfContained;

/**
 * The runs the guide's prose describes next to its xor-mlp widgets (nn_intro.md §5, mlp_intro.md §5),
 * with the seeds the widgets start with: if the trainer changes, the text is checked against it again.
 */
@SelfContained
class XorGuideRunsTest {

    private record Run(XorTraining.Result result, List<XorTraining.Progress> reports) {

        /** The first reported epoch at which all four points were on the right side of 0.5, or -1. */
        int firstAllRight() {
            for (XorTraining.Progress p : reports) {
                int right = 0;
                for (int i = 0; i < 4; i++) {
                    if ((p.predictions()[i] > 0.5) == (XorNetwork.TARGETS[i] > 0.5)) {
                        right++;
                    }
                }
                if (right == 4) {
                    return p.epoch();
                }
            }
            return -1;
        }

        double lossAt(int epoch) {
            return reports.stream().filter(p -> p.epoch() == epoch).findFirst().orElseThrow().loss();
        }

        double maxLoss() {
            return reports.stream().mapToDouble(XorTraining.Progress::loss).max().orElseThrow();
        }
    }

    private static Run run(int hidden, HiddenActivation activation, double learningRate, long seed) {
        List<XorTraining.Progress> reports = new ArrayList<>();
        XorTraining.Result result = XorTraining.run(new XorOptions(hidden, activation, learningRate, 2000, seed),
                System.nanoTime() + Long.MAX_VALUE / 4, reports::add);
        return new Run(result, reports);
    }

    @Test
    void nnIntroTwoSigmoidUnitsPlateauNearLn2ThenSolveXorAndTanhIsFaster() {
        Run sigmoid = run(2, HiddenActivation.SIGMOID, 1, 2);
        for (int epoch : new int[] {400, 600, 800}) {
            assertThat(sigmoid.lossAt(epoch)).as("epoch %d", epoch).isCloseTo(Math.log(2), within(0.01)); // "about 0.69"
        }
        assertThat(sigmoid.result().solved()).isTrue();
        assertThat(sigmoid.firstAllRight()).isGreaterThan(1000);
        Run tanh = run(2, HiddenActivation.TANH, 1, 2);
        assertThat(tanh.result().solved()).isTrue();
        assertThat(tanh.firstAllRight()).isLessThan(500);
    }

    @Test
    void nnIntroSeedOneLeavesTwoUnitsStuckButNotFour() {
        Run two = run(2, HiddenActivation.TANH, 1, 1);
        assertThat(two.result().correct()).isEqualTo(2);
        assertThat(two.result().loss()).isCloseTo(0.35, within(0.01));
        assertThat(two.lossAt(1000) - two.lossAt(2000)).as("flat").isLessThan(0.002);
        assertThat(run(4, HiddenActivation.TANH, 1, 1).result().solved()).isTrue();
    }

    @Test
    void mlpIntroLearningRates() {
        Run base = run(4, HiddenActivation.TANH, 1, 1);
        assertThat(base.firstAllRight()).isLessThanOrEqualTo(100);
        assertThat(base.result().loss()).isLessThan(0.002);
        Run slow = run(4, HiddenActivation.TANH, 0.1, 1);
        assertThat(slow.result().solved()).isTrue();
        assertThat(slow.firstAllRight()).isGreaterThan(3 * base.firstAllRight());
        assertThat(slow.result().loss()).isGreaterThan(5 * base.result().loss());
        Run tooFast = run(4, HiddenActivation.TANH, 10, 1);
        assertThat(tooFast.result().solved()).isFalse();
        assertThat(tooFast.maxLoss()).isGreaterThan(5);
        Run sigmoidFast = run(4, HiddenActivation.SIGMOID, 10, 1);
        assertThat(sigmoidFast.result().solved()).isTrue();
        Run reluFast = run(4, HiddenActivation.RELU, 10, 1);
        assertThat(reluFast.result().solved()).isFalse();
        assertThat(reluFast.lossAt(2000)).isCloseTo(reluFast.lossAt(400), within(0.001));
        // Dead units: a ReLU unit whose pre-activation is negative for all four inputs passes nothing back.
        XorWeights w = reluFast.result().weights();
        int dead = 0;
        for (int j = 0; j < 4; j++) {
            boolean silent = true;
            for (double[] x : XorNetwork.INPUTS) {
                silent &= x[0] * w.w1()[0][j] + x[1] * w.w1()[1][j] + w.b1()[j] <= 0;
            }
            dead += silent ? 1 : 0;
        }
        assertThat(dead).isEqualTo(4);
    }
}

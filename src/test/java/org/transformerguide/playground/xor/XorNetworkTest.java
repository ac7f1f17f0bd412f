package org.transformerguide.playground.xor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.transformerguide.testing.SelfContained;

@SelfContained
class XorNetworkTest {

    private static final long NO_DEADLINE = Long.MAX_VALUE / 4;

    private static XorTraining.Result train(XorOptions options, List<XorTraining.Progress> reports) {
        return XorTraining.run(options, System.nanoTime() + NO_DEADLINE, p -> reports.add(p));
    }

    @ParameterizedTest
    @EnumSource(HiddenActivation.class)
    void everyGradientMatchesCentralFiniteDifferences(HiddenActivation activation) {
        XorNetwork network = new XorNetwork(3, activation, 11);
        INDArray values = network.parameterValues(); // [n]
        // Non-zero biases too, so that every parameter matters and (for ReLU) no unit sits on its kink.
        Random random = new Random(5);
        for (int i = 0; i < values.length(); i++) {
            values.putScalar(i, 0.3 + 0.8 * random.nextGaussian());
        }
        network.forward();
        network.backward();
        INDArray analytic = network.parameterGradients().dup();
        double h = 1e-6;
        for (int i = 0; i < values.length(); i++) {
            double original = values.getDouble(i);
            values.putScalar(i, original + h);
            network.forward();
            double plus = network.loss();
            values.putScalar(i, original - h);
            network.forward();
            double minus = network.loss();
            values.putScalar(i, original);
            double numeric = (plus - minus) / (2 * h);
            assertThat(analytic.getDouble(i)).as("%s parameter %d", activation, i).isCloseTo(numeric, within(1e-7));
        }
        assertThat(analytic.norm2Number().doubleValue()).as("a gradient worth checking").isGreaterThan(1e-3);
    }

    @Test
    void theLossIsTheMeanBinaryCrossEntropy() {
        XorNetwork network = new XorNetwork(2, HiddenActivation.TANH, 3);
        network.forward();
        double[] p = network.predictions();
        double expected = 0;
        for (int i = 0; i < 4; i++) {
            double t = XorNetwork.TARGETS[i];
            expected -= t * Math.log(p[i]) + (1 - t) * Math.log(1 - p[i]);
        }
        assertThat(network.loss()).isCloseTo(expected / 4, within(1e-12));
    }

    @Test
    void fourTanhUnitsLearnXor() {
        List<XorTraining.Progress> reports = new ArrayList<>();
        XorTraining.Result result = train(new XorOptions(4, HiddenActivation.TANH, 1, 2000, 1), reports);
        assertThat(result.stop()).isEqualTo(XorTraining.Stop.EPOCHS);
        assertThat(result.epochs()).isEqualTo(2000);
        // ln 2 = 0.693 is the loss of answering 0.5 everywhere
        assertThat(reports.get(0).loss()).isGreaterThan(0.5);
        assertThat(result.loss()).isLessThan(0.05);
        assertThat(result.solved()).isTrue();
        assertThat(result.correct()).isEqualTo(4);
        assertThat(result.predictions()[0]).isLessThan(0.1);
        assertThat(result.predictions()[1]).isGreaterThan(0.9);
    }

    @Test
    void reportsComeAboutAHundredTimesWithTheBoundaryEveryFifthAndAtTheEnd() {
        List<XorTraining.Progress> reports = new ArrayList<>();
        train(new XorOptions(2, HiddenActivation.SIGMOID, 0.5, 2000, 4), reports);
        assertThat(reports).hasSize(101);
        assertThat(reports).extracting(XorTraining.Progress::epoch).startsWith(0, 20, 40).endsWith(2000);
        List<XorTraining.Progress> withGrid = reports.stream().filter(r -> r.grid() != null).toList();
        assertThat(withGrid).extracting(XorTraining.Progress::epoch).startsWith(0, 100, 200).endsWith(2000).hasSize(21);
        double[][] grid = withGrid.get(20).grid();
        assertThat(grid).hasNumberOfRows(XorTraining.GRID_SIZE);
        assertThat(grid[0]).hasSize(XorTraining.GRID_SIZE);
        // The grid's point (0, 1) is row 10 (x2 = 1 is 1.5 / 0.05 = 30 steps... from -0.5: (1 + 0.5) / 0.05 = 30), column 10.
        assertThat(XorTraining.coordinate(10)).isCloseTo(0, within(1e-12));
        assertThat(XorTraining.coordinate(30)).isCloseTo(1, within(1e-12));
        double[] p = reports.get(100).predictions();
        assertThat(grid[30][10]).isCloseTo(p[1], within(0.0006)); // (x1, x2) = (0, 1), rounded to three decimals
        assertThat(grid[10][30]).isCloseTo(p[2], within(0.0006)); // (1, 0)
        assertThat(grid[30][30]).isCloseTo(p[3], within(0.0006)); // (1, 1)
        List<XorTraining.Progress> short3 = new ArrayList<>();
        train(new XorOptions(2, HiddenActivation.SIGMOID, 0.5, 3, 4), short3);
        assertThat(short3).extracting(XorTraining.Progress::epoch).containsExactly(0, 1, 2, 3);
    }

    @Test
    void theSameSeedGivesTheSameRunAndAnotherSeedAnother() {
        XorTraining.Result a = train(new XorOptions(3, HiddenActivation.RELU, 0.5, 300, 42), new ArrayList<>());
        XorTraining.Result b = train(new XorOptions(3, HiddenActivation.RELU, 0.5, 300, 42), new ArrayList<>());
        XorTraining.Result c = train(new XorOptions(3, HiddenActivation.RELU, 0.5, 300, 43), new ArrayList<>());
        assertThat(a.loss()).isEqualTo(b.loss());
        assertThat(a.weights().w1()).isDeepEqualTo(b.weights().w1());
        assertThat(c.loss()).isNotEqualTo(a.loss());
    }

    /**
     * With one hidden unit, ŷ = sigmoid(w · σ(x W1 + b1) + b2) is a monotone function of the single number
     * z = x W1 + b1 (σ never decreases; w either sign keeps it monotone). So "ŷ > 0.5" is a threshold on z,
     * a straight-line split of the square, which nn_intro.md §5 proves cannot separate XOR's points. No
     * training can change that, whatever the seed or activation.
     */
    @ParameterizedTest
    @EnumSource(HiddenActivation.class)
    void oneHiddenUnitNeverSolvesXor(HiddenActivation activation) {
        for (long seed = 1; seed <= 5; seed++) {
            XorTraining.Result result = train(new XorOptions(1, activation, 1, 1000, seed), new ArrayList<>());
            assertThat(result.solved()).as("%s seed %d", activation, seed).isFalse();
            assertThat(result.correct()).isLessThanOrEqualTo(3);
        }
    }

    @Test
    void aPassedDeadlineOrAListenerThatLeftStopsTheRun() {
        XorTraining.Result late = XorTraining.run(new XorOptions(2, HiddenActivation.TANH, 1, 5000, 1), System.nanoTime() - 1, p -> true);
        assertThat(late.stop()).isEqualTo(XorTraining.Stop.TIME_LIMIT);
        assertThat(late.epochs()).isEqualTo(1);
        List<XorTraining.Progress> reports = new ArrayList<>();
        XorTraining.Result gone = XorTraining.run(new XorOptions(2, HiddenActivation.TANH, 1, 5000, 1), System.nanoTime() + NO_DEADLINE,
                p -> reports.add(p) && reports.size() < 3);
        assertThat(gone.stop()).isEqualTo(XorTraining.Stop.CLIENT_GONE);
        assertThat(reports).hasSize(3);
        assertThat(gone.epochs()).isEqualTo(100);
    }
}

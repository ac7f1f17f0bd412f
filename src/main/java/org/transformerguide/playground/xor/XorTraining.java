package org.transformerguide.playground.xor;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Trains one {@link XorNetwork} and reports as it goes: the loss and the four predictions about a hundred
 * times per run, and the decision boundary (ŷ over a grid of the input square) every fifth report, so a
 * page can draw the curve and watch the boundary form without receiving megabytes.
 */
public final class XorTraining {

    /** The grid covers [-0.5, 1.5]² in steps of 0.05: the unit square with a margin, both axes the same. */
    public static final double GRID_MIN = -0.5;
    public static final double GRID_MAX = 1.5;
    public static final int GRID_SIZE = 41;

    private static final int REPORTS = 100;
    private static final int GRID_EVERY_REPORTS = 5;

    /** How a run ended. */
    public enum Stop { EPOCHS, TIME_LIMIT, CLIENT_GONE }

    /** One report: {@code grid} is null between boundary reports; grid[i][j] is ŷ at x1 = column j, x2 = row i. */
    public record Progress(int epoch, double loss, double[] predictions, double[][] grid) {
    }

    /** The end of a run: a point is right when ŷ is on its target's side of 0.5. */
    public record Result(Stop stop, int epochs, double loss, double[] predictions, int correct, boolean solved, XorWeights weights) {
    }

    /** Receives each report; returns false to stop the run (the client went away). */
    @FunctionalInterface
    public interface Listener {
        boolean report(Progress progress);
    }

    private XorTraining() {
    }

    /**
     * Runs {@code options.epochs()} full-batch gradient-descent steps, or fewer if {@code deadlineNanos}
     * (a {@link System#nanoTime()} value) passes or the listener says stop. Reports epoch 0 (the random
     * start), then every {@code epochs / 100} epochs, and always the last one, with its boundary.
     */
    public static Result run(XorOptions options, long deadlineNanos, Listener listener) {
        XorNetwork network = new XorNetwork(options.hidden(), options.activation(), options.seed());
        INDArray grid = gridPoints();
        int every = Math.max(1, (int) Math.ceil(options.epochs() / (double) REPORTS));
        network.forward();
        if (!listener.report(new Progress(0, network.loss(), network.predictions(), gridOf(network, grid)))) {
            return result(Stop.CLIENT_GONE, 0, network);
        }
        int epoch = 0;
        Stop stop = Stop.EPOCHS;
        while (epoch < options.epochs()) {
            network.backward();
            network.step(options.learningRate());
            epoch++;
            network.forward();
            boolean last = epoch == options.epochs();
            boolean late = System.nanoTime() - deadlineNanos > 0;
            if (last || late || epoch % every == 0) {
                boolean withGrid = last || late || (epoch / every) % GRID_EVERY_REPORTS == 0;
                if (!listener.report(new Progress(epoch, network.loss(), network.predictions(), withGrid ? gridOf(network, grid) : null))) {
                    return result(Stop.CLIENT_GONE, epoch, network);
                }
            }
            if (late && !last) {
                stop = Stop.TIME_LIMIT;
                break;
            }
        }
        return result(stop, epoch, network);
    }

    private static Result result(Stop stop, int epochs, XorNetwork network) {
        double[] predictions = network.predictions();
        int correct = 0;
        for (int i = 0; i < predictions.length; i++) {
            if ((predictions[i] > 0.5) == (XorNetwork.TARGETS[i] > 0.5)) {
                correct++;
            }
        }
        return new Result(stop, epochs, network.loss(), predictions, correct, correct == predictions.length, network.weights());
    }

    /** The grid's points, row by row from x2 = -0.5 up to 1.5, x1 varying fastest [41 · 41, 2]. */
    static INDArray gridPoints() {
        double[][] points = new double[GRID_SIZE * GRID_SIZE][];
        for (int i = 0; i < GRID_SIZE; i++) {
            for (int j = 0; j < GRID_SIZE; j++) {
                points[i * GRID_SIZE + j] = new double[] {coordinate(j), coordinate(i)};
            }
        }
        return Nd4j.create(points).castTo(DataType.DOUBLE);
    }

    static double coordinate(int index) {
        return GRID_MIN + (GRID_MAX - GRID_MIN) * index / (GRID_SIZE - 1);
    }

    /** ŷ on the grid, rounded to three decimals: a colour needs no more, and the events stay small. */
    private static double[][] gridOf(XorNetwork network, INDArray points) {
        double[] flat = network.probabilities(points);
        double[][] rows = new double[GRID_SIZE][GRID_SIZE];
        for (int i = 0; i < GRID_SIZE; i++) {
            for (int j = 0; j < GRID_SIZE; j++) {
                rows[i][j] = Math.round(flat[i * GRID_SIZE + j] * 1000) / 1000.0;
            }
        }
        return rows;
    }
}

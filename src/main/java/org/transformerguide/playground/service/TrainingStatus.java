package org.transformerguide.playground.service;

/**
 * One progress event of a training job, also kept as its latest status. Losses are NaN until known.
 *
 * @param jobId            increasing per server
 * @param model            the name the trained model will be served under
 * @param trainLoss        mean training loss of the steps since the previous event
 * @param valLoss          the latest validation estimate
 * @param bestValLoss      the lowest validation estimate so far (what the saved checkpoint has)
 * @param valBitsPerChar   the latest validation loss as bits per character of the held-out text
 * @param bestBitsPerChar  the same for the best checkpoint
 * @param tokensPerSecond  training throughput so far
 * @param etaSeconds       estimated seconds left (-1 while unknown)
 * @param message          a human-readable note (why it failed, where it saved)
 */
public record TrainingStatus(long jobId, String model, TrainingState state, int iteration, int totalIterations,
                             double trainLoss, double valLoss, double bestValLoss, double valBitsPerChar,
                             double bestBitsPerChar, double tokensPerSecond, long etaSeconds, String message) {

    TrainingStatus with(TrainingState newState, String newMessage) {
        return new TrainingStatus(jobId, model, newState, iteration, totalIterations, trainLoss, valLoss, bestValLoss,
                valBitsPerChar, bestBitsPerChar, tokensPerSecond, newState.finished() ? 0 : etaSeconds, newMessage);
    }
}

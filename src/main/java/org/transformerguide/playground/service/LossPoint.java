package org.transformerguide.playground.service;

/**
 * One point of a training job's loss curve, as the training monitor draws it. NaN where not measured
 * (validation is measured only every evalInterval steps).
 *
 * @param iteration      optimizer steps taken
 * @param trainLoss      mean training loss since the previous point (nats per token)
 * @param valLoss        held-out loss per token, if measured at this iteration
 * @param valBitsPerChar the same as bits per character of the held-out text
 */
public record LossPoint(int iteration, double trainLoss, double valLoss, double valBitsPerChar) {
}

package org.transformerguide.playground.api;

import org.transformerguide.playground.service.TrainingStatus;
import org.transformerguide.web.Echo;

/** The playground API's own errors, mapped to problem details by {@link PlaygroundExceptionHandler}. */
final class PlaygroundProblems {

    private PlaygroundProblems() {
    }

    /** A parameter out of its bounds (400). */
    static final class BadParameter extends RuntimeException {
        final String parameter;

        BadParameter(String parameter, String message) {
            super(message);
            this.parameter = parameter;
        }
    }

    /** No model of that name (404). */
    static final class UnknownModel extends RuntimeException {
        UnknownModel(String name) {
            super("No model named '" + Echo.cap(name) + "'");
        }
    }

    /** The model exists or will, but cannot answer yet (503 with Retry-After and the training progress). */
    static final class ModelNotReady extends RuntimeException {
        final transient TrainingStatus training; // null when nothing is training it

        ModelNotReady(String message, TrainingStatus training) {
            super(message);
            this.training = training;
        }
    }

    /** The request ran past its time limit (503). */
    static final class TimeLimit extends RuntimeException {
        TimeLimit(String message) {
            super(message);
        }
    }
}

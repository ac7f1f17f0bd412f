package org.transformerguide.playground.service;

/**
 * What a task run on another thread threw, out of the wrapper its future put around it
 * ({@link java.util.concurrent.ExecutionException}, {@link java.util.concurrent.CompletionException}), so
 * a caller's error handling sees the task's own exception (a bad parameter stays a 400, not a 500).
 */
public final class TaskFailure {

    private TaskFailure() {
    }

    /**
     * The task's own unchecked exception, to be thrown by the caller ({@code throw TaskFailure.unwrap(e)});
     * an {@link Error} is thrown from here as it is, and a checked exception comes back wrapped in an
     * {@link IllegalStateException}, which needs no {@code throws}.
     */
    public static RuntimeException unwrap(Exception wrapper) {
        Throwable cause = wrapper.getCause() == null ? wrapper : wrapper.getCause();
        if (cause instanceof RuntimeException runtime) {
            return runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new IllegalStateException(cause);
    }
}

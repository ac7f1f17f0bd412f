package org.transformerguide.playground.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class TaskFailureTest {

    @Test
    void aTasksUncheckedExceptionComesOutAsItself() {
        IllegalArgumentException thrown = new IllegalArgumentException("temperature must be positive");
        ExecutionException wrapped = failureOf(CompletableFuture.failedFuture(thrown));

        assertThat(TaskFailure.unwrap(wrapped)).isSameAs(thrown);
        assertThat(TaskFailure.unwrap(new CompletionException(thrown))).isSameAs(thrown);
    }

    @Test
    void anErrorIsThrownAsItIs() {
        OutOfMemoryError error = new OutOfMemoryError("no room for the cache");

        assertThatThrownBy(() -> TaskFailure.unwrap(new ExecutionException(error))).isSameAs(error);
    }

    @Test
    void aCheckedExceptionIsWrappedWithItsCauseKept() {
        IOException checked = new IOException("checkpoint unreadable");

        RuntimeException unwrapped = TaskFailure.unwrap(new ExecutionException(checked));

        assertThat(unwrapped).isInstanceOf(IllegalStateException.class).hasCause(checked);
    }

    private static ExecutionException failureOf(CompletableFuture<?> future) {
        try {
            future.get();
            throw new AssertionError("the future did not fail");
        } catch (ExecutionException e) {
            return e;
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}

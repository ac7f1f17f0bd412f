package org.transformerguide.progress;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.security.Principal;
import java.util.List;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.transformerguide.web.Echo;
import org.transformerguide.web.ProblemResponses;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The signed-in learner's own progress. There is no account id in any URL: every call acts on the
 * principal's data, so one learner can neither read nor change another's.
 */
@RestController
@RequestMapping("/api/progress")
@Tag(name = "Progress", description = "The signed-in learner's own progress")
class ProgressApiController {

    private final ProgressService progress;

    ProgressApiController(ProgressService progress) {
        this.progress = progress;
    }

    record ItemState(@NotNull Boolean checked) {
    }

    record ReadState(@NotNull Boolean read) {
    }

    /** {@code skipped}: the first 100 ids skipped, each cut to 120 characters; {@code skippedCount}: all of them. */
    record MergeResult(List<String> skipped, int skippedCount, ProgressView progress) {
    }

    @Operation(summary = "Your progress: ticked checklist items and documents marked read")
    @ProblemResponses(401)
    @GetMapping
    ProgressView get(Principal learner) {
        return progress.progressOf(learner.getName());
    }

    @Operation(summary = "Tick or untick one checklist item")
    @ProblemResponses({400, 401, 403, 404})
    @PutMapping("/items/{id}")
    ItemState setItem(@Parameter(description = "The checklist item's id, as in the guide's {#id}") @PathVariable String id,
                      @Valid @RequestBody ItemState state, Principal learner) {
        progress.setItem(learner.getName(), id, state.checked());
        return state;
    }

    @Operation(summary = "Mark a document read or unread")
    @ProblemResponses({400, 401, 403, 404})
    @PutMapping("/documents/{slug}")
    ReadState setRead(@Parameter(description = "The document's name, e.g. transformers") @PathVariable String slug,
                      @Valid @RequestBody ReadState state, Principal learner) {
        progress.setRead(learner.getName(), slug, state.read());
        return state;
    }

    @Operation(summary = "Add ticks made before signing in",
            description = "Items and documents that no longer exist are skipped and listed in `skipped`.")
    @ProblemResponses({400, 401, 403})
    @PostMapping("/merge")
    MergeResult merge(@Valid @RequestBody MergeRequest request, Principal learner) {
        List<String> skipped = progress.merge(learner.getName(), request);
        return new MergeResult(Echo.cap(skipped), skipped.size(), progress.progressOf(learner.getName()));
    }
}

package org.transformerguide.progress;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.security.Principal;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
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
class ProgressApiController {

    private final ProgressService progress;

    ProgressApiController(ProgressService progress) {
        this.progress = progress;
    }

    record ItemState(@NotNull Boolean checked) {
    }

    record ReadState(@NotNull Boolean read) {
    }

    record MergeResult(List<String> skipped, ProgressView progress) {
    }

    @GetMapping
    ProgressView get(Principal learner) {
        return progress.progressOf(learner.getName());
    }

    @PutMapping("/items/{id}")
    ItemState setItem(@PathVariable String id, @Valid @RequestBody ItemState state, Principal learner) {
        progress.setItem(learner.getName(), id, state.checked());
        return state;
    }

    @PutMapping("/documents/{slug}")
    ReadState setRead(@PathVariable String slug, @Valid @RequestBody ReadState state, Principal learner) {
        progress.setRead(learner.getName(), slug, state.read());
        return state;
    }

    @PostMapping("/merge")
    MergeResult merge(@Valid @RequestBody MergeRequest request, Principal learner) {
        List<String> skipped = progress.merge(learner.getName(), request);
        return new MergeResult(skipped, progress.progressOf(learner.getName()));
    }
}

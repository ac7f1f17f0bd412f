package org.transformerguide.pathchooser;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.security.Principal;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.transformerguide.web.ProblemResponses;

/**
 * The landing page's path chooser: its questions, the recommendation for a set of answers, and a signed-in
 * learner's saved answers (under /api/progress, so the same sign-in and CSRF rules as the checklist apply).
 */
@RestController
@Tag(name = "Path chooser", description = "Four questions that recommend a learning path and a first stop")
class PathChooserController {

    private final PathChoiceService service;

    PathChooserController(PathChoiceService service) {
        this.service = service;
    }

    record AnswersBody(@NotBlank String programming, @NotBlank String math, @NotBlank String time, @NotBlank String style) {
    }

    @Operation(summary = "The four questions and their answers")
    @GetMapping("/api/path-chooser/questions")
    List<PathChooser.Question> questions() {
        return PathChooser.QUESTIONS;
    }

    @Operation(summary = "The path and first stop for four answers, with a sentence saying why")
    @ProblemResponses(400)
    @GetMapping("/api/path-chooser")
    PathChoiceService.Recommendation recommend(@RequestParam String programming, @RequestParam String math,
                                               @RequestParam String time, @RequestParam String style) {
        return service.recommend(programming, math, time, style);
    }

    @Operation(summary = "Your saved answers and their recommendation (204 when you have not answered yet)")
    @ProblemResponses(401)
    @GetMapping("/api/progress/path-choice")
    ResponseEntity<PathChoiceService.Recommendation> saved(Principal learner) {
        return service.saved(learner.getName()).map(ResponseEntity::ok).orElseGet(() -> ResponseEntity.noContent().build());
    }

    @Operation(summary = "Save your answers (answering again replaces them)")
    @ProblemResponses({400, 401, 403})
    @PutMapping("/api/progress/path-choice")
    PathChoiceService.Recommendation save(@Valid @RequestBody AnswersBody body, Principal learner) {
        return service.save(learner.getName(), body.programming(), body.math(), body.time(), body.style());
    }
}

package org.transformerguide.cohort;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** The live grid's data for the instructor's page: a snapshot, and a stream of changes. */
@RestController
@Tag(name = "Cohorts", description = "Instructors' view of their cohorts")
class CohortApiController {

    private final CohortService cohorts;
    private final CohortGrid grids;
    private final CohortEvents events;

    CohortApiController(CohortService cohorts, CohortGrid grids, CohortEvents events) {
        this.cohorts = cohorts;
        this.grids = grids;
        this.events = events;
    }

    @Operation(summary = "Learners × checklist items of one of your cohorts")
    @GetMapping("/api/cohorts/{id}/grid")
    CohortGrid.GridView grid(@PathVariable long id, Principal who, HttpServletRequest request) {
        return grids.grid(cohorts.manageable(id, who.getName(), CohortPageController.isAdmin(request)));
    }

    @Operation(summary = "Server-sent events: 'grid' (the whole grid) and 'learner' (one learner's new row)")
    @GetMapping(path = "/api/cohorts/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter events(@PathVariable long id, Principal who, HttpServletRequest request) {
        return events.subscribe(cohorts.manageable(id, who.getName(), CohortPageController.isAdmin(request)));
    }
}

package org.transformerguide.cohort;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A group of learners an instructor follows during a workshop.
 *
 * @param endsOn            last day of the cohort, or null; joining stops after it
 * @param joinCode          the code in the join link, or null when revoked
 * @param joinCodeExpiresAt when the code stops working
 */
public record Cohort(long id, String name, long ownerId, String ownerName, LocalDate endsOn, Instant createdAt,
                     String joinCode, Instant joinCodeExpiresAt) {

    public boolean joinCodeLive(Instant now) {
        return joinCode != null && joinCodeExpiresAt != null && joinCodeExpiresAt.isAfter(now);
    }
}

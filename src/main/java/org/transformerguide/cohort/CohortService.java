package org.transformerguide.cohort;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.server.ResponseStatusException;
import org.transformerguide.account.AccountDirectory;
import org.transformerguide.progress.ProgressChanged;

/**
 * Creating cohorts, their join codes, joining and leaving. An instructor manages only the cohorts they
 * created; an admin manages all. A join code works until it is replaced or revoked, until it expires, and
 * never after the cohort's last day.
 */
@Service
public class CohortService {

    /** No 0/O, 1/I: a code is read aloud or copied from a projector. */
    private static final String CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final SecureRandom RANDOM = new SecureRandom();
    static final Duration DEFAULT_CODE_VALIDITY = Duration.ofDays(7);

    private final CohortRepository cohorts;
    private final AccountDirectory accounts;
    private final ApplicationEventPublisher events;
    private final Clock clock = Clock.systemUTC();

    CohortService(CohortRepository cohorts, AccountDirectory accounts, ApplicationEventPublisher events) {
        this.cohorts = cohorts;
        this.accounts = accounts;
        this.events = events;
    }

    @Transactional
    public Cohort create(String ownerName, String name, LocalDate endsOn) {
        long id = cohorts.create(name.strip(), accounts.idOf(ownerName), endsOn);
        Cohort cohort = cohorts.find(id).orElseThrow();
        return newJoinCode(cohort, null);
    }

    public List<Cohort> visibleTo(String username, boolean admin) {
        return admin ? cohorts.all() : cohorts.ownedBy(accounts.idOf(username));
    }

    /** The cohort if {@code username} may manage it (its owner, or an admin); 403 otherwise, 404 if none. */
    public Cohort manageable(long id, String username, boolean admin) {
        Cohort cohort = cohorts.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No such cohort."));
        if (!admin && cohort.ownerId() != accounts.idOf(username)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "This cohort is another instructor's.");
        }
        return cohort;
    }

    /** A fresh code (the old one stops working), valid for {@code validFor} or the default, but not past the last day. */
    @Transactional
    public Cohort newJoinCode(Cohort cohort, Duration validFor) {
        Instant expires = clock.instant().plus(validFor == null ? DEFAULT_CODE_VALIDITY : validFor);
        if (cohort.endsOn() != null) {
            Instant end = cohort.endsOn().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            expires = expires.isAfter(end) ? end : expires;
        }
        cohorts.setJoinCode(cohort.id(), generateCode(), expires);
        return cohorts.find(cohort.id()).orElseThrow();
    }

    @Transactional
    public void revokeJoinCode(Cohort cohort) {
        cohorts.setJoinCode(cohort.id(), null, null);
    }

    /** The cohort a live code belongs to; 410 Gone for an unknown, revoked or expired code. */
    public Cohort byLiveCode(String code) {
        return cohorts.findByCode(code == null ? "" : code.strip().toUpperCase(java.util.Locale.ROOT))
                .filter(c -> c.joinCodeLive(clock.instant()))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.GONE, "This join code is unknown, revoked or expired."));
    }

    @Transactional
    public Cohort join(String code, String username) {
        Cohort cohort = byLiveCode(code);
        long learner = accounts.idOf(username);
        cohorts.addMember(cohort.id(), learner);
        events.publishEvent(new ProgressChanged(learner)); // the new row appears in the live grid at once
        return cohort;
    }

    @Transactional
    public void leave(long cohortId, String username) {
        cohorts.removeMember(cohortId, accounts.idOf(username));
    }

    public List<Cohort> joinedBy(String username) {
        return cohorts.joinedBy(accounts.idOf(username));
    }

    /** The cohort if {@code username} is one of its learners; 403 otherwise (another cohort's totals are not theirs). */
    public Cohort asMember(long cohortId, String username) {
        Cohort cohort = cohorts.find(cohortId).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No such cohort."));
        if (!cohorts.isMember(cohortId, accounts.idOf(username))) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "You are not in this cohort.");
        }
        return cohort;
    }

    static String generateCode() {
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            code.append(CODE_ALPHABET.charAt(RANDOM.nextInt(CODE_ALPHABET.length())));
        }
        return code.toString();
    }
}

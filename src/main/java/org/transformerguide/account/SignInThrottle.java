package org.transformerguide.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Counts failed sign-ins per name and per client address, in memory (a restart forgives everyone, which
 * costs an attacker a restart they cannot cause). Unknown names are counted like real ones, so the
 * answer never tells whether an account exists. See {@link SignInThrottleProperties} for the policy.
 */
@Component
public class SignInThrottle {

    /** Above this many remembered names or addresses, entries that no longer matter are dropped. */
    private static final int TIDY_ABOVE = 10_000;

    private record NameFailures(int count, Instant lockedUntil, Instant last) {
    }

    private record AddressFailures(int count, Instant windowStart) {
    }

    private final SignInThrottleProperties policy;
    private final Clock clock;
    private final Map<String, NameFailures> names = new ConcurrentHashMap<>();
    private final Map<String, AddressFailures> addresses = new ConcurrentHashMap<>();

    @Autowired
    SignInThrottle(SignInThrottleProperties policy) {
        this(policy, Clock.systemUTC());
    }

    SignInThrottle(SignInThrottleProperties policy, Clock clock) {
        this.policy = policy;
        this.clock = clock;
    }

    /** How long sign-in for this name from this address must wait; zero if it may try now. */
    public Duration waitBefore(String username, String address) {
        Instant now = clock.instant();
        Duration byName = remaining(nameLockEnd(AccountService.normalize(username)), now);
        Duration byAddress = remaining(addressLockEnd(address), now);
        return byName.compareTo(byAddress) >= 0 ? byName : byAddress;
    }

    /** Records a wrong password (or unknown name) and answers the wait it now imposes. */
    public Duration failed(String username, String address) {
        Instant now = clock.instant();
        names.compute(AccountService.normalize(username), (name, before) -> nextNameFailures(before, now));
        addresses.compute(address, (a, before) -> nextAddressFailures(before, now));
        tidy(now);
        return waitBefore(username, address);
    }

    /** A correct password clears the name's count (the address count runs out with its window). */
    public void succeeded(String username) {
        names.remove(AccountService.normalize(username));
    }

    private NameFailures nextNameFailures(NameFailures before, Instant now) {
        int count = before == null || forgotten(before, now) ? 1 : before.count() + 1;
        int beyondFree = count - policy.freeAttempts();
        Instant lockedUntil = beyondFree > 0 ? now.plus(lockout(beyondFree)) : now;
        return new NameFailures(count, lockedUntil, now);
    }

    /** firstLockout, doubled per further failure, at most maxLockout. */
    private Duration lockout(int beyondFree) {
        Duration lock = policy.firstLockout().multipliedBy(1L << Math.min(beyondFree - 1, 30));
        return lock.compareTo(policy.maxLockout()) > 0 || lock.isNegative() ? policy.maxLockout() : lock;
    }

    private AddressFailures nextAddressFailures(AddressFailures before, Instant now) {
        if (before == null || !now.isBefore(before.windowStart().plus(policy.addressWindow()))) {
            return new AddressFailures(1, now);
        }
        return new AddressFailures(before.count() + 1, before.windowStart());
    }

    private Instant nameLockEnd(String name) {
        NameFailures failures = names.get(name);
        return failures == null ? Instant.MIN : failures.lockedUntil();
    }

    private Instant addressLockEnd(String address) {
        AddressFailures failures = addresses.get(address);
        return failures == null || failures.count() <= policy.addressLimit()
                ? Instant.MIN : failures.windowStart().plus(policy.addressWindow());
    }

    private boolean forgotten(NameFailures failures, Instant now) {
        return now.isAfter(failures.last().plus(policy.forgetAfter())) && !now.isBefore(failures.lockedUntil());
    }

    private static Duration remaining(Instant end, Instant now) {
        return end.isAfter(now) ? Duration.between(now, end) : Duration.ZERO;
    }

    private void tidy(Instant now) {
        if (names.size() > TIDY_ABOVE) {
            names.values().removeIf(failures -> forgotten(failures, now));
        }
        if (addresses.size() > TIDY_ABOVE) {
            addresses.values().removeIf(failures -> !now.isBefore(failures.windowStart().plus(policy.addressWindow())));
        }
    }
}

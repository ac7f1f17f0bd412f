package org.transformerguide.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The throttle's policy on a clock the test moves by hand. */
class SignInThrottleTest {

    private static final class ManualClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T09:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final ManualClock clock = new ManualClock();
    private final SignInThrottle throttle = new SignInThrottle(new SignInThrottleProperties(5, Duration.ofSeconds(15),
            Duration.ofMinutes(15), Duration.ofHours(1), 300, Duration.ofMinutes(10)), clock);

    @Test
    void fiveWrongPasswordsAreFreeThenTheWaitDoublesUpToTheCap() {
        for (int i = 0; i < 5; i++) {
            assertThat(throttle.failed("ada", "10.0.0.1")).isZero();
        }
        assertThat(throttle.failed("ada", "10.0.0.1")).isEqualTo(Duration.ofSeconds(15));
        assertThat(throttle.waitBefore("ADA", "10.0.0.2")).as("the name is locked from any address, in any case")
                .isEqualTo(Duration.ofSeconds(15));
        assertThat(throttle.failed("ada", "10.0.0.1")).isEqualTo(Duration.ofSeconds(30));
        assertThat(throttle.failed("ada", "10.0.0.1")).isEqualTo(Duration.ofSeconds(60));
        for (int i = 0; i < 10; i++) {
            throttle.failed("ada", "10.0.0.1");
        }
        assertThat(throttle.waitBefore("ada", "10.0.0.1")).isEqualTo(Duration.ofMinutes(15));
        assertThat(throttle.waitBefore("grace", "10.0.0.1")).as("other names are not affected").isZero();
    }

    @Test
    void twentyWrongPasswordsInARowLockTheName() {
        Duration wait = Duration.ZERO;
        for (int i = 0; i < 20; i++) {
            wait = throttle.failed("victim", "192.0.2.7");
        }
        assertThat(wait).isPositive();
        assertThat(throttle.waitBefore("victim", "192.0.2.7")).isPositive();
    }

    @Test
    void theLockEndsAndASuccessfulSignInForgetsTheFailures() {
        for (int i = 0; i < 6; i++) {
            throttle.failed("linus", "10.0.0.1");
        }
        clock.advance(Duration.ofSeconds(16));
        assertThat(throttle.waitBefore("linus", "10.0.0.1")).isZero();
        throttle.succeeded("linus");
        assertThat(throttle.failed("linus", "10.0.0.1")).as("counting starts again").isZero();
    }

    @Test
    void failuresAreForgottenAfterAnHourWithoutOne() {
        for (int i = 0; i < 6; i++) {
            throttle.failed("ken", "10.0.0.1");
        }
        clock.advance(Duration.ofMinutes(61));
        assertThat(throttle.failed("ken", "10.0.0.1")).isZero();
    }

    @Test
    void aWorkshopRoomBehindOneAddressIsNotLockedOut() {
        for (int learner = 0; learner < 40; learner++) { // 40 learners, each mistyping five times
            for (int i = 0; i < 5; i++) {
                throttle.failed("learner" + learner, "203.0.113.1");
            }
        }
        assertThat(throttle.waitBefore("learner-41", "203.0.113.1")).isZero();
    }

    @Test
    void anAddressGuessingAcrossManyNamesIsLockedAboveTheThreshold() {
        for (int i = 0; i < 300; i++) {
            throttle.failed("name" + i, "198.51.100.9");
        }
        assertThat(throttle.waitBefore("someone-else", "198.51.100.9")).isZero();
        throttle.failed("name-301", "198.51.100.9");
        assertThat(throttle.waitBefore("someone-else", "198.51.100.9")).isPositive();
        assertThat(throttle.waitBefore("someone-else", "198.51.100.10")).isZero();
        clock.advance(Duration.ofMinutes(10));
        assertThat(throttle.waitBefore("someone-else", "198.51.100.9")).isZero();
    }
}

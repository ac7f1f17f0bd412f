package org.transformerguide.account;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How sign-in slows down password guessing ({@code guide.account.sign-in.*}).
 *
 * <p>Per name: {@code freeAttempts} wrong passwords in a row cost nothing; each further one locks the
 * name for {@code firstLockout}, doubled per further failure up to {@code maxLockout}. A correct password
 * (after the lock ends) or {@code forgetAfter} without a failure clears the count. Per client address:
 * only more than {@code addressLimit} failures within {@code addressWindow} lock the address until the
 * window ends; a whole workshop room behind one NAT address mistyping a few times each stays far below it.
 */
@ConfigurationProperties("guide.account.sign-in")
public record SignInThrottleProperties(
        @DefaultValue("5") int freeAttempts,
        @DefaultValue("15s") Duration firstLockout,
        @DefaultValue("15m") Duration maxLockout,
        @DefaultValue("1h") Duration forgetAfter,
        @DefaultValue("300") int addressLimit,
        @DefaultValue("10m") Duration addressWindow) {
}

package org.transformerguide.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Tokens for one-time links: 32 random bytes, of which only a SHA-256 hash is stored. A token works once
 * and until it expires; making a new one for an account and purpose voids the older ones.
 */
@Repository
public class OneTimeLinks {

    /** First sign-in of an account created for a room. */
    public static final String SETUP = "SETUP";
    /** A password reset an instructor or admin made. */
    public static final String RESET = "RESET";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final Clock clock;

    OneTimeLinks(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.clock = Clock.systemUTC();
    }

    public String create(long accountId, String purpose, Duration valid) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        jdbc.sql("delete from one_time_link where account_id = ? and purpose = ?").params(accountId, purpose).update();
        jdbc.sql("insert into one_time_link (token_hash, account_id, purpose, created_at, expires_at) values (?, ?, ?, ?, ?)")
                .params(hash(token), accountId, purpose, Timestamp.from(now), Timestamp.from(now.plus(valid))).update();
        return token;
    }

    /** The account a live token belongs to, without using it up (to show the form). */
    public Optional<Long> peek(String token) {
        return jdbc.sql("select account_id from one_time_link where token_hash = ? and used_at is null and expires_at > ?")
                .params(hash(token), Timestamp.from(clock.instant())).query(Long.class).optional();
    }

    /** Uses the token up: the account it belonged to, if it was live; a second call finds nothing. */
    public Optional<Long> redeem(String token) {
        Optional<Long> account = peek(token);
        if (account.isEmpty()) {
            return account;
        }
        int used = jdbc.sql("update one_time_link set used_at = ? where token_hash = ? and used_at is null")
                .params(Timestamp.from(clock.instant()), hash(token)).update();
        return used == 1 ? account : Optional.empty(); // a concurrent redeem won the race
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

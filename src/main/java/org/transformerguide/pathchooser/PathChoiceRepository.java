package org.transformerguide.pathchooser;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** One row of answers per learner; saving again replaces it. */
@Repository
class PathChoiceRepository {

    /** The answers as stored: their API ids. */
    record StoredAnswers(String programming, String math, String time, String style) {
    }

    private final JdbcClient jdbc;

    PathChoiceRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<StoredAnswers> find(long accountId) {
        return jdbc.sql("select programming, math, time_spent, style from path_choice where account_id = ?")
                .param(accountId)
                .query((rs, i) -> new StoredAnswers(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                .optional();
    }

    void save(long accountId, StoredAnswers a) {
        Timestamp now = Timestamp.from(Instant.now());
        int updated = jdbc.sql("update path_choice set programming = ?, math = ?, time_spent = ?, style = ?, chosen_at = ? "
                + "where account_id = ?").params(a.programming(), a.math(), a.time(), a.style(), now, accountId).update();
        if (updated == 0) {
            try {
                jdbc.sql("insert into path_choice (account_id, programming, math, time_spent, style, chosen_at) values (?, ?, ?, ?, ?, ?)")
                        .params(accountId, a.programming(), a.math(), a.time(), a.style(), now).update();
            } catch (DuplicateKeyException raced) {
                // a second save inserted first: the later update wins, as if it had come second
                save(accountId, a);
            }
        }
    }
}

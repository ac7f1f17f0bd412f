package org.transformerguide.cohort;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** Cohorts, their members and the members' ticks, in plain SQL that H2 and PostgreSQL both run. */
@Repository
class CohortRepository {

    private static final String SELECT = "select c.id, c.name, c.owner_id, a.username, c.ends_on, c.created_at, c.join_code, "
            + "c.join_code_expires_at from cohort c join account a on a.id = c.owner_id ";

    record Member(long accountId, String username, Instant joinedAt) {
    }

    record Tick(long accountId, String itemId, Instant tickedAt) {
    }

    private final JdbcClient jdbc;

    CohortRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long create(String name, long ownerId, LocalDate endsOn) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into cohort (name, owner_id, ends_on, created_at) values (?, ?, ?, ?)")
                .params(name, ownerId, endsOn == null ? null : Date.valueOf(endsOn), Timestamp.from(Instant.now()))
                .update(key, "id");
        return key.getKey().longValue();
    }

    Optional<Cohort> find(long id) {
        return jdbc.sql(SELECT + "where c.id = ?").param(id).query(CohortRepository::cohort).optional();
    }

    Optional<Cohort> findByCode(String code) {
        return jdbc.sql(SELECT + "where c.join_code = ?").param(code).query(CohortRepository::cohort).optional();
    }

    List<Cohort> ownedBy(long ownerId) {
        return jdbc.sql(SELECT + "where c.owner_id = ? order by c.created_at desc").param(ownerId).query(CohortRepository::cohort).list();
    }

    List<Cohort> all() {
        return jdbc.sql(SELECT + "order by c.created_at desc").query(CohortRepository::cohort).list();
    }

    List<Cohort> joinedBy(long accountId) {
        return jdbc.sql(SELECT + "join cohort_member m on m.cohort_id = c.id where m.account_id = ? order by c.created_at desc")
                .param(accountId).query(CohortRepository::cohort).list();
    }

    List<Long> cohortIdsOf(long accountId) {
        return jdbc.sql("select cohort_id from cohort_member where account_id = ?").param(accountId).query(Long.class).list();
    }

    void setJoinCode(long id, String code, Instant expiresAt) {
        jdbc.sql("update cohort set join_code = ?, join_code_expires_at = ? where id = ?")
                .params(code, expiresAt == null ? null : Timestamp.from(expiresAt), id).update();
    }

    void addMember(long cohortId, long accountId) {
        try {
            jdbc.sql("insert into cohort_member (cohort_id, account_id, joined_at) select ?, ?, ? "
                            + "where not exists (select 1 from cohort_member where cohort_id = ? and account_id = ?)")
                    .params(cohortId, accountId, Timestamp.from(Instant.now()), cohortId, accountId).update();
        } catch (DuplicateKeyException raced) {
            // the same learner joined twice at once: a member either way
        }
    }

    void removeMember(long cohortId, long accountId) {
        jdbc.sql("delete from cohort_member where cohort_id = ? and account_id = ?").params(cohortId, accountId).update();
    }

    boolean isMember(long cohortId, long accountId) {
        return jdbc.sql("select count(*) from cohort_member where cohort_id = ? and account_id = ?")
                .params(cohortId, accountId).query(Long.class).single() > 0;
    }

    List<Member> members(long cohortId) {
        return jdbc.sql("select m.account_id, a.username, m.joined_at from cohort_member m join account a on a.id = m.account_id "
                        + "where m.cohort_id = ? order by a.username").param(cohortId)
                .query((rs, n) -> new Member(rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant())).list();
    }

    List<Tick> memberTicks(long cohortId) {
        return jdbc.sql("select t.account_id, t.item_id, t.ticked_at from checklist_tick t "
                        + "join cohort_member m on m.account_id = t.account_id where m.cohort_id = ?").param(cohortId)
                .query((rs, n) -> new Tick(rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant())).list();
    }

    List<Tick> ticksOf(long accountId) {
        return jdbc.sql("select account_id, item_id, ticked_at from checklist_tick where account_id = ?").param(accountId)
                .query((rs, n) -> new Tick(rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant())).list();
    }

    /** The latest time a learner marked a document read (reading counts as activity too), or null. */
    Instant lastRead(long accountId) {
        Timestamp at = jdbc.sql("select max(read_at) from document_read where account_id = ?").param(accountId)
                .query(Timestamp.class).optional().orElse(null);
        return at == null ? null : at.toInstant();
    }

    private static Cohort cohort(ResultSet rs, int row) throws SQLException {
        Date ends = rs.getDate(5);
        Timestamp expires = rs.getTimestamp(8);
        return new Cohort(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4), ends == null ? null : ends.toLocalDate(),
                rs.getTimestamp(6).toInstant(), rs.getString(7), expires == null ? null : expires.toInstant());
    }
}

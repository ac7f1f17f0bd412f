package org.transformerguide.progress;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Ticked checklist items and read documents, one row each. Inserts are written so that a repeated or
 * concurrent tick is harmless: "insert if absent" and a lost race on the primary key both end ticked.
 */
@Repository
class ProgressRepository {

    private final JdbcClient jdbc;

    ProgressRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Set<String> tickedItems(long accountId) {
        return new HashSet<>(jdbc.sql("select item_id from checklist_tick where account_id = ?")
                .param(accountId).query(String.class).list());
    }

    void tick(long accountId, String itemId) {
        insertIfAbsent("insert into checklist_tick (account_id, item_id, ticked_at) select ?, ?, ? "
                + "where not exists (select 1 from checklist_tick where account_id = ? and item_id = ?)", accountId, itemId);
    }

    /** The item that replaced a retired one (path items that restated a document's item), if any. */
    Optional<String> replacementOf(String itemId) {
        return jdbc.sql("select new_id from retired_checklist_item where old_id = ?").param(itemId).query(String.class).optional();
    }

    void untick(long accountId, String itemId) {
        jdbc.sql("delete from checklist_tick where account_id = ? and item_id = ?").params(accountId, itemId).update();
    }

    Set<String> readDocuments(long accountId) {
        return new HashSet<>(jdbc.sql("select document_slug from document_read where account_id = ?")
                .param(accountId).query(String.class).list());
    }

    void markRead(long accountId, String slug) {
        insertIfAbsent("insert into document_read (account_id, document_slug, read_at) select ?, ?, ? "
                + "where not exists (select 1 from document_read where account_id = ? and document_slug = ?)", accountId, slug);
    }

    void unmarkRead(long accountId, String slug) {
        jdbc.sql("delete from document_read where account_id = ? and document_slug = ?").params(accountId, slug).update();
    }

    private void insertIfAbsent(String sql, long accountId, String key) {
        try {
            jdbc.sql(sql).params(accountId, key, Timestamp.from(Instant.now()), accountId, key).update();
        } catch (DuplicateKeyException raced) {
            // another request inserted the same row a moment earlier: the state is what was asked for
        }
    }
}

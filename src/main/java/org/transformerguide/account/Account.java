package org.transformerguide.account;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/** A learner who signed up. The name is stored in lower case so that "Ada" and "ada" are one account. */
@Table("account")
public record Account(@Id Long id, String username, String passwordHash, Instant createdAt) {

    /** Without the hash: exception messages (e.g. a failed insert) print the entity, and logs keep them. */
    @Override
    public String toString() {
        return "Account[id=" + id + ", username=" + username + "]";
    }
}

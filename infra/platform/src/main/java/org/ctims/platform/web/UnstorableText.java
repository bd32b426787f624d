package org.ctims.platform.web;

import java.sql.SQLException;
import java.util.Set;

/**
 * A request's text that PostgreSQL cannot hold: a NUL character (U+0000) in a parameter, a path or
 * a JSON string reaches the database as {@code character_not_in_repertoire} (22021), or in JSON
 * text as {@code untranslatable_character} (22P05). Such a request is the caller's error; the
 * statement failed, so nothing was stored.
 */
final class UnstorableText {

    private static final Set<String> STATES = Set.of("22021", "22P05");

    private UnstorableText() {
    }

    static boolean is(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && STATES.contains(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}

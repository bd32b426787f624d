package org.ctims.followup.limits;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import org.ctims.platform.security.CurrentUser;
import org.ctims.platform.web.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Requests that read or write whole workbooks (exports, templates, bulk-entry files) take seconds
 * of CPU and a database connection each. So that neither one user nor a burst of them can starve
 * the teachers who are saving reports, each kind is limited twice on this instance: one at a time
 * per user (another one meanwhile is 429), and at most the Resilience4j bulkhead's
 * {@code max-concurrent-calls} for everyone (one more is 503). Both answers come at once, with
 * {@code Retry-After}, and nothing was read or changed.
 */
@Component
public class HeavyRequests {

    /** The bulkhead of list exports and import templates. */
    public static final String EXPORTS = "followup-exports";
    /** The bulkhead of bulk-entry previews and commits. */
    public static final String IMPORTS = "followup-imports";

    private final BulkheadRegistry bulkheads;
    private final Set<String> running = ConcurrentHashMap.newKeySet();

    HeavyRequests(BulkheadRegistry bulkheads) {
        this.bulkheads = bulkheads;
    }

    /** Runs {@code work} within the limits of {@code kind} ({@link #EXPORTS} or {@link #IMPORTS}). */
    public <T> T run(String kind, CurrentUser user, Supplier<T> work) {
        String key = kind + " " + user.subject();
        if (!running.add(key)) {
            throw new TooManyRequestsException(kind);
        }
        try {
            return bulkheads.bulkhead(kind).executeSupplier(work);
        }
        catch (BulkheadFullException e) {
            throw new BusyException(kind);
        }
        finally {
            running.remove(key);
        }
    }

    /** What the limited requests are, for a person. */
    private static String what(String kind) {
        return IMPORTS.equals(kind) ? "bulk-entry file" : "spreadsheet download";
    }

    /** The same user already runs a request of this kind (429). */
    public static final class TooManyRequestsException extends ProblemException {

        TooManyRequestsException(String kind) {
            super(HttpStatus.TOO_MANY_REQUESTS, "one-at-a-time", "One at a time",
                    "Your previous " + what(kind) + " is still being prepared. Nothing was changed; "
                            + "wait for it to finish, then try again.", List.of());
        }
    }

    /** Every slot of this kind is taken on this instance (503). */
    public static final class BusyException extends ProblemException {

        BusyException(String kind) {
            super(HttpStatus.SERVICE_UNAVAILABLE, "busy", "Too busy right now",
                    "Too many " + what(kind) + "s are being prepared at once. Nothing was changed; try again in a few seconds.",
                    List.of());
        }
    }
}

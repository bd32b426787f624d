package org.ctims.platform.limits;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import org.ctims.platform.security.CurrentUser;
import org.ctims.platform.web.ProblemException;
import org.springframework.http.HttpStatus;

/**
 * Requests that read or write whole files (exports, downloads, uploads) take seconds of CPU and a
 * database connection each. So that neither one user nor a burst of them can starve the teachers
 * who are saving reports, each {@link Kind} is limited twice on an instance: one at a time per user
 * (another one meanwhile is 429), and at most its Resilience4j bulkhead's
 * {@code max-concurrent-calls} for everyone (one more is 503). Both answers come at once, with
 * {@code Retry-After}, and nothing was read or changed.
 */
public class HeavyRequests {

    /**
     * A kind of heavy request: the Resilience4j bulkhead that limits it
     * ({@code resilience4j.bulkhead.instances.<bulkhead>}) and what it is called for people.
     */
    public record Kind(String bulkhead, String forPeople) {
    }

    private final BulkheadRegistry bulkheads;
    private final Set<String> running = ConcurrentHashMap.newKeySet();

    public HeavyRequests(BulkheadRegistry bulkheads) {
        this.bulkheads = bulkheads;
    }

    /** Runs {@code work} within the limits of {@code kind}. */
    public <T> T run(Kind kind, CurrentUser user, Supplier<T> work) {
        try (Permit permit = enter(kind, user)) {
            return work.get();
        }
    }

    /**
     * Takes a place for a request whose work goes on after the handler returns (a streamed
     * download): refused now if there is none; the place is given back when the permit is closed.
     */
    public Permit enter(Kind kind, CurrentUser user) {
        String key = kind.bulkhead() + " " + user.subject();
        if (!running.add(key)) {
            throw new TooManyRequestsException(kind);
        }
        Bulkhead bulkhead = bulkheads.bulkhead(kind.bulkhead());
        if (!bulkhead.tryAcquirePermission()) {
            running.remove(key);
            throw new BusyException(kind);
        }
        return new Permit(() -> {
            bulkhead.onComplete();
            running.remove(key);
        });
    }

    /** A place taken by {@link #enter}; closing it more than once gives it back once. */
    public static final class Permit implements AutoCloseable {

        private final Runnable release;
        private final AtomicBoolean closed = new AtomicBoolean();

        private Permit(Runnable release) {
            this.release = release;
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                release.run();
            }
        }
    }

    /** The same user already runs a request of this kind (429). */
    public static final class TooManyRequestsException extends ProblemException {

        TooManyRequestsException(Kind kind) {
            super(HttpStatus.TOO_MANY_REQUESTS, "one-at-a-time", "One at a time",
                    "Your previous " + kind.forPeople() + " is still being prepared. Nothing was changed; "
                            + "wait for it to finish, then try again.", List.of());
        }
    }

    /** Every place of this kind is taken on this instance (503). */
    public static final class BusyException extends ProblemException {

        BusyException(Kind kind) {
            super(HttpStatus.SERVICE_UNAVAILABLE, "busy", "Too busy right now",
                    "Too many " + kind.forPeople() + "s are being prepared at once. Nothing was changed; try again in a few seconds.",
                    List.of());
        }
    }
}

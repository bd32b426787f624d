package org.ctims.local.demo;

import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Waits until the roster service has turned the demo rosters into enrollments, by asking its API
 * through the gateway as state staff (who see every school): the roster service consumes the
 * topic at its own pace, and "ready" should mean a newcomer already sees the students.
 */
final class RosterWait {

    private static final Duration POLL = Duration.ofSeconds(2);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(30);

    private final GatewayClient gateway;
    private final Supplier<String> stateToken;
    private final Consumer<String> log;

    RosterWait(GatewayClient gateway, Supplier<String> stateToken, Consumer<String> log) {
        this.gateway = gateway;
        this.stateToken = stateToken;
        this.log = log;
    }

    /** True when every demo school has all its students in every demo year within {@code timeout}. */
    boolean awaitAllEnrollments(Duration timeout) throws InterruptedException {
        int expected = DemoRoster.SCHOOLS.size() * DemoRoster.SCHOOL_YEAR_ENDS.size()
                * DemoRoster.STUDENTS_PER_SCHOOL_AND_YEAR;
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        long nextProgress = start + PROGRESS_EVERY.toNanos();
        String token = stateToken.get();
        while (true) {
            int stored = 0;
            try {
                stored = storedEnrollments(token);
            } catch (TokenExpired e) {
                token = stateToken.get();   // tokens live minutes; this round counts as nothing stored
            }
            if (stored >= expected) {
                return true;
            }
            long now = System.nanoTime();
            if (now >= deadline) {
                log.accept("Demo data: the roster service holds " + stored + " of " + expected
                        + " demo enrollments after " + timeout.toSeconds() + " s; the rest keeps arriving in the background");
                return false;
            }
            if (now >= nextProgress) {
                log.accept("Demo data: roster service holds " + stored + " of " + expected + " demo enrollments, waiting");
                nextProgress = now + PROGRESS_EVERY.toNanos();
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    private int storedEnrollments(String token) {
        int stored = 0;
        for (DemoRoster.School school : DemoRoster.SCHOOLS) {
            for (int endYear : DemoRoster.SCHOOL_YEAR_ENDS) {
                GatewayClient.Response response = gateway.get("/api/roster/organizations/" + school.pid()
                        + "/enrollments?schoolYear=" + DemoRoster.schoolYear(endYear) + "&size=500", token);
                if (response.status() == 401) {
                    throw new TokenExpired();
                }
                // 503 (circuit open or slow under load) or 403 (school not stored yet): none counted this round
                if (response.status() == 200) {
                    stored += Json.array(response.json()).size();
                }
            }
        }
        return stored;
    }

    private static final class TokenExpired extends RuntimeException {
        TokenExpired() {
            super(null, null, false, false);
        }
    }
}

package org.ctims.platform.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import org.ctims.platform.security.CurrentUser;
import org.ctims.platform.security.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HeavyRequestsTests {

    private final HeavyRequests heavy = new HeavyRequests(BulkheadRegistry.of(
            BulkheadConfig.custom().maxConcurrentCalls(2).maxWaitDuration(Duration.ZERO).build()));

    static final HeavyRequests.Kind EXPORTS = new HeavyRequests.Kind("exports", "spreadsheet download");
    static final HeavyRequests.Kind IMPORTS = new HeavyRequests.Kind("imports", "bulk-entry file");

    private final ExecutorService pool = Executors.newFixedThreadPool(2);

    static CurrentUser user(String name) {
        return new CurrentUser("sub-" + name, name, name, Set.of(Role.TEACHER), Set.of("10001"), "700001");
    }

    @Test
    void aUsersSecondRequestOfAKindWhileTheFirstRunsIs429AndOtherKindsAndUsersStillRun() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<String> first = hold(EXPORTS, user("ann"), running, release);
        assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();

        assertThatThrownBy(() -> heavy.run(EXPORTS, user("ann"), () -> "again"))
                .isInstanceOfSatisfying(HeavyRequests.TooManyRequestsException.class, e -> assertThat(e.status().value()).isEqualTo(429));
        assertThat(heavy.run(IMPORTS, user("ann"), () -> "import")).isEqualTo("import");
        assertThat(heavy.run(EXPORTS, user("bob"), () -> "bob")).isEqualTo("bob");

        release.countDown();
        assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("held");
        assertThat(heavy.run(EXPORTS, user("ann"), () -> "later")).isEqualTo("later");
    }

    @Test
    void oneMoreThanTheBulkheadAllowsIs503AndTheSlotsComeBackAfterAFailure() throws Exception {
        CountDownLatch running = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        List<CompletableFuture<String>> held = List.of(hold(EXPORTS, user("ann"), running, release),
                hold(EXPORTS, user("bob"), running, release));
        assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();

        assertThatThrownBy(() -> heavy.run(EXPORTS, user("cy"), () -> "third"))
                .isInstanceOfSatisfying(HeavyRequests.BusyException.class, e -> assertThat(e.status().value()).isEqualTo(503));
        release.countDown();
        for (CompletableFuture<String> f : held) {
            assertThat(f.get(5, TimeUnit.SECONDS)).isEqualTo("held");
        }
        assertThatThrownBy(() -> heavy.run(EXPORTS, user("cy"), () -> {
            throw new IllegalStateException("broken");
        })).hasMessage("broken");
        assertThat(heavy.run(EXPORTS, user("cy"), () -> "after")).isEqualTo("after");
    }

    @Test
    void aPermitHoldsItsPlaceUntilItIsClosedOnceThoughClosedTwice() {
        HeavyRequests.Permit first = heavy.enter(EXPORTS, user("ann"));
        HeavyRequests.Permit second = heavy.enter(EXPORTS, user("bob"));
        assertThatThrownBy(() -> heavy.enter(EXPORTS, user("ann")))
                .isInstanceOf(HeavyRequests.TooManyRequestsException.class);
        assertThatThrownBy(() -> heavy.enter(EXPORTS, user("cy")))
                .isInstanceOf(HeavyRequests.BusyException.class);
        first.close();
        first.close();
        HeavyRequests.Permit third = heavy.enter(EXPORTS, user("cy"));
        assertThatThrownBy(() -> heavy.enter(EXPORTS, user("dee")))
                .as("a second close gave back no second place").isInstanceOf(HeavyRequests.BusyException.class);
        second.close();
        third.close();
        assertThat(heavy.run(EXPORTS, user("ann"), () -> "again")).isEqualTo("again");
    }

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    private CompletableFuture<String> hold(HeavyRequests.Kind kind, CurrentUser user, CountDownLatch running, CountDownLatch release) {
        return CompletableFuture.supplyAsync(() -> heavy.run(kind, user, () -> {
            running.countDown();
            try {
                release.await(5, TimeUnit.SECONDS);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "held";
        }), pool);
    }
}

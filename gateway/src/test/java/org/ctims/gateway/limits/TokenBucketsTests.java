package org.ctims.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class TokenBucketsTests {

    final AtomicLong now = new AtomicLong(1_000);
    final TokenBuckets buckets = new TokenBuckets(60, 3, now::get);

    @Test
    void aBurstThenOneASecondAtSixtyAMinute() {
        assertThat(buckets.tryTake("a")).isZero();
        assertThat(buckets.tryTake("a")).isZero();
        assertThat(buckets.tryTake("a")).isZero();
        assertThat(buckets.tryTake("a")).as("seconds to wait").isEqualTo(1);
        assertThat(buckets.tryTake("b")).as("another key has its own bucket").isZero();

        advance(500);
        assertThat(buckets.tryTake("a")).isEqualTo(1);
        advance(500);
        assertThat(buckets.tryTake("a")).isZero();
        assertThat(buckets.tryTake("a")).isEqualTo(1);
        advance(10_000);
        assertThat(buckets.tryTake("a")).as("refilled up to the burst, not beyond").isZero();
        assertThat(buckets.tryTake("a")).isZero();
        assertThat(buckets.tryTake("a")).isZero();
        assertThat(buckets.tryTake("a")).isEqualTo(1);
    }

    @Test
    void theWaitGrowsWithASlowRate() {
        TokenBuckets slow = new TokenBuckets(1, 1, now::get);
        assertThat(slow.tryTake("a")).isZero();
        assertThat(slow.tryTake("a")).isEqualTo(60);
        advance(30_000);
        assertThat(slow.tryTake("a")).isEqualTo(30);
    }

    @Test
    void fullBucketsAreDroppedOthersKept() {
        buckets.tryTake("idle");
        advance(59_000);
        for (int i = 0; i < 3; i++) {
            buckets.tryTake("busy");
        }
        advance(2_000);
        buckets.tryTake("new");
        assertThat(buckets.size()).as("idle refilled and dropped; busy still short; new").isEqualTo(2);
        assertThat(buckets.tryTake("busy")).as("the kept bucket still counts").isZero();
        assertThat(buckets.tryTake("busy")).isZero();
        assertThat(buckets.tryTake("busy")).isEqualTo(1);
    }

    private void advance(long millis) {
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
    }
}

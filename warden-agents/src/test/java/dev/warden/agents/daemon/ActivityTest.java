package dev.warden.agents.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The idle clock on a clock the test moves by hand. */
class ActivityTest {
    final AtomicLong now = new AtomicLong(1_000);
    final Activity activity = new Activity(now::get);
    static final Duration QUIET = Duration.ofNanos(100);

    @Test
    void idleOnlyOnceTheQuietTimeHasPassedSinceStart() {
        now.addAndGet(99);
        assertThat(activity.idleFor(QUIET)).isFalse();
        now.addAndGet(1);
        assertThat(activity.idleFor(QUIET)).isTrue();
    }

    @Test
    void aRequestInFlightIsNeverIdleHoweverLongItTakes() {
        Activity.Request request = activity.begin();
        now.addAndGet(1_000_000);
        assertThat(activity.idleFor(QUIET)).isFalse();
        request.close();
        assertThat(activity.idleFor(QUIET)).as("the quiet time counts from the request's end").isFalse();
        now.addAndGet(100);
        assertThat(activity.idleFor(QUIET)).isTrue();
    }

    @Test
    void closingARequestTwiceCountsItOnce() {
        Activity.Request first = activity.begin();
        Activity.Request second = activity.begin();
        first.close();
        first.close();
        now.addAndGet(1_000);
        assertThat(activity.idleFor(QUIET)).as("the second request is still in flight").isFalse();
        second.close();
        now.addAndGet(100);
        assertThat(activity.idleFor(QUIET)).isTrue();
    }
}

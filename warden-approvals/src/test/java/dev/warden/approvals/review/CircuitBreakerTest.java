package dev.warden.approvals.review;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Three denials in a row, or ten of the last fifty reviews, and the reviewer stops approving for the session. */
class CircuitBreakerTest {
    private static final Review DENY = new Review.Deny("d");
    private static final Review APPROVE = new Review.Approve("a");

    @Test
    void threeConsecutiveDenialsOpenItOnceAndOnlyForThatSession() {
        CircuitBreaker breaker = new CircuitBreaker();
        assertThat(breaker.record("s", DENY)).isNull();
        assertThat(breaker.record("s", DENY)).isNull();
        assertThat(breaker.record("other", DENY)).isNull();
        assertThat(breaker.record("s", DENY)).contains("3 actions in a row");
        assertThat(breaker.record("s", DENY)).as("said once").isNull();
        assertThat(breaker.openBecause("s")).contains("3 actions in a row");
        assertThat(breaker.record("s", APPROVE)).isNull();
        assertThat(breaker.openBecause("s")).as("stays open").isNotNull();
        assertThat(breaker.openBecause("other")).isNull();
    }

    @Test
    void tenDenialsAmongTheLastFiftyOpenIt() {
        CircuitBreaker breaker = new CircuitBreaker();
        String opened = null;
        int reviews = 0;
        // Denials never two in a row: only the window can open it.
        while (opened == null) {
            opened = breaker.record("s", reviews % 4 == 0 ? DENY : APPROVE);
            reviews++;
        }
        assertThat(opened).contains("10 of the last");
        assertThat(reviews).isEqualTo(37);
    }

    @Test
    void denialsOlderThanTheWindowAreForgotten() {
        CircuitBreaker breaker = new CircuitBreaker();
        for (int i = 0; i < 200; i++) {
            // one denial in every six reviews: at most 9 in any 50
            assertThat(breaker.record("s", i % 6 == 0 ? DENY : APPROVE)).as("review %d", i).isNull();
        }
        assertThat(breaker.openBecause("s")).isNull();
    }
}

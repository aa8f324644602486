package io.github.recordingleakagedetector.runtime.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    @Test
    void spacesCallsAtTheConfiguredRate() {
        // GIVEN a limiter of 2 calls per second on a fake clock that sleeping advances
        AtomicLong clock = new AtomicLong(1_000);
        List<Long> callTimes = new ArrayList<>();
        RateLimiter limiter = new RateLimiter(2, clock::get, clock::addAndGet);

        // WHEN five calls go out back to back
        for (int i = 0; i < 5; i++) {
            limiter.acquire();
            callTimes.add(clock.get());
        }

        // THEN they are half a second apart, the first without waiting
        assertThat(callTimes).containsExactly(1_000L, 500_001_000L, 1_000_001_000L, 1_500_001_000L, 2_000_001_000L);
    }

    @Test
    void idleTimeIsNotSavedUpForABurst() {
        AtomicLong clock = new AtomicLong(0);
        RateLimiter limiter = new RateLimiter(1, clock::get, clock::addAndGet);
        limiter.acquire();

        clock.addAndGet(10_000_000_000L);
        limiter.acquire();
        long afterIdle = clock.get();
        limiter.acquire();

        assertThat(afterIdle).isEqualTo(10_000_000_000L);
        assertThat(clock.get()).isEqualTo(11_000_000_000L);
    }

    @Test
    void rejectsANonPositiveRate() {
        assertThatThrownBy(() -> new RateLimiter(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("permitsPerSecond must be > 0, was 0.0");
    }
}

package io.github.recordingleakagedetector.runtime.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ConcurrentlyTest {

    @Test
    void upToTheConcurrencyItemsRunAtOnce() {
        // GIVEN work that can only finish when four items are in flight together
        CyclicBarrier allFourTogether = new CyclicBarrier(4);
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger mostInFlight = new AtomicInteger();

        // WHEN eight items run with a concurrency of four
        Concurrently.forEach(IntStream.range(0, 8).boxed().toList(), 4, item -> {
            mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                allFourTogether.await(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("items did not run concurrently", e);
            } finally {
                inFlight.decrementAndGet();
            }
        });

        // THEN four ran at once, never more
        assertThat(mostInFlight.get()).isEqualTo(4);
    }

    @Test
    void everyItemIsTriedThenTheFirstFailureIsThrownWithTheOthersSuppressed() {
        // GIVEN twenty items, two of which fail
        Set<Integer> tried = ConcurrentHashMap.newKeySet();
        List<Integer> items = IntStream.range(0, 20).boxed().toList();

        // WHEN they run, THEN the call fails with one failure, the other suppressed in it, after trying all twenty
        assertThatThrownBy(() -> Concurrently.forEach(items, 8, item -> {
            tried.add(item);
            if (item == 3 || item == 7) {
                throw new IllegalStateException("item " + item + " failed");
            }
        }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("item 3 failed")
                .satisfies(e -> assertThat(e.getSuppressed()).extracting(Throwable::getMessage)
                        .containsExactly("item 7 failed"));
        assertThat(tried).hasSize(20);
    }
}

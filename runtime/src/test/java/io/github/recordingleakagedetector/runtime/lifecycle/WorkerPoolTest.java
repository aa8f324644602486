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
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The one worker pool the steps and the ingest share: bounded concurrency, every item tried, failures kept. */
class WorkerPoolTest {

    @Test
    void upToTheConcurrencyItemsRunAtOnce() {
        // GIVEN work that can only finish when four items are in flight together
        CyclicBarrier allFourTogether = new CyclicBarrier(4);
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger mostInFlight = new AtomicInteger();

        // WHEN eight items run with a concurrency of four
        try (WorkerPool workers = WorkerPool.of(4)) {
            IntStream.range(0, 8).forEach(item -> workers.submit(() -> {
                mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                try {
                    allFourTogether.await(10, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException("items did not run concurrently", e);
                } finally {
                    inFlight.decrementAndGet();
                }
            }));
            workers.awaitAll();
        }

        // THEN four ran at once, never more
        assertThat(mostInFlight.get()).isEqualTo(4);
    }

    @Test
    void everyItemIsTriedThenTheFirstFailureIsThrownWithTheOthersSuppressed() {
        // GIVEN twenty items, two of which fail
        Set<Integer> tried = ConcurrentHashMap.newKeySet();
        List<Integer> items = IntStream.range(0, 20).boxed().toList();

        // WHEN they run, THEN waiting fails with one failure, the other suppressed in it, after trying all twenty
        try (WorkerPool workers = WorkerPool.of(8)) {
            items.forEach(item -> workers.submit(() -> {
                tried.add(item);
                if (item == 3 || item == 7) {
                    throw new IllegalStateException("item " + item + " failed");
                }
            }));
            assertThatThrownBy(workers::awaitAll)
                    .isInstanceOf(IllegalStateException.class)
                    .satisfies(e -> assertThat(Stream.concat(Stream.of(e), Stream.of(e.getSuppressed()))
                            .map(Throwable::getMessage).toList())
                            .containsExactlyInAnyOrder("item 3 failed", "item 7 failed"));
            assertThat(workers.failed()).isTrue();
        }
        assertThat(tried).hasSize(20);
    }

    @Test
    void workIsSubmittedOnlyIfStillWantedOnceAWorkerIsFree() {
        // GIVEN one worker, busy until released
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        AtomicInteger ran = new AtomicInteger();
        AtomicInteger asked = new AtomicInteger();
        try (WorkerPool workers = WorkerPool.of(2)) {
            workers.submit(() -> {
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                ran.incrementAndGet();
            });

            // WHEN more work is offered, but is no longer wanted by the time a worker is free
            boolean first = workers.submitIf(() -> asked.incrementAndGet() > 0, ran::incrementAndGet);
            release.countDown();
            boolean second = workers.submitIf(() -> asked.incrementAndGet() < 0, ran::incrementAndGet);
            workers.awaitAll();

            // THEN the condition was asked each time, and only the wanted work ran
            assertThat(List.of(first, second)).containsExactly(true, false);
            assertThat(asked.get()).isEqualTo(2);
            assertThat(ran.get()).isEqualTo(2);
        }
    }
}

package io.github.recordingleakagedetector.runtime.lifecycle;

import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Merges per-state streams that are each sorted by last change into one, so a run that stops early has served
 * the longest-waiting contacts of every state first. Lazy: a stream is read only as far as the merge needs.
 */
final class OldestFirst {
    private static final Comparator<TrackedContact> BY_UPDATE =
            Comparator.comparing(TrackedContact::updatedAt, Comparator.nullsFirst(Comparator.naturalOrder()));

    private OldestFirst() {
    }

    static Stream<TrackedContact> merge(List<Stream<TrackedContact>> sources) {
        List<PeekingIterator> heads = sources.stream().map(s -> new PeekingIterator(s.iterator())).toList();
        Iterator<TrackedContact> merged = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return heads.stream().anyMatch(PeekingIterator::hasNext);
            }

            @Override
            public TrackedContact next() {
                return heads.stream()
                        .filter(PeekingIterator::hasNext)
                        .min((a, b) -> BY_UPDATE.compare(a.peek(), b.peek()))
                        .orElseThrow(NoSuchElementException::new)
                        .next();
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(merged, Spliterator.ORDERED), false)
                .onClose(() -> sources.forEach(Stream::close));
    }

    private static final class PeekingIterator {
        private final Iterator<TrackedContact> source;
        private TrackedContact head;

        PeekingIterator(Iterator<TrackedContact> source) {
            this.source = source;
        }

        boolean hasNext() {
            return head != null || source.hasNext();
        }

        TrackedContact peek() {
            if (head == null) {
                head = source.next();
            }
            return head;
        }

        TrackedContact next() {
            TrackedContact next = peek();
            head = null;
            return next;
        }
    }
}

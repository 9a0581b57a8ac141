package io.scv.bench;

import com.sun.management.GarbageCollectionNotificationInfo;

import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * The heap of this JVM while one phase of a benchmark runs (generation, the job): the most it held, and the most
 * that survived a garbage collection. Under a local master Spark's executors live in this JVM, so this is the
 * whole job's heap. The first figure follows -Xmx more than the work (a collector lets the heap fill before it
 * collects); the second, the live set after a collection, is what the phase needs at the least. Both come from the
 * collectors' notifications (heap before and after each collection), plus a sample every
 * {@value #SAMPLE_MILLIS} ms for the time between collections: no collection is forced.
 */
public final class BenchHeap {
    private static final long SAMPLE_MILLIS = 50;

    private final AtomicLong used = new AtomicLong();
    private final AtomicLong live = new AtomicLong();
    private final Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
    private final NotificationListener onCollection = this::collected;
    private final List<NotificationEmitter> emitters;
    private final ScheduledExecutorService sampler;

    /**
     * @param usedBytes the most heap in use seen
     * @param liveBytes the most heap in use right after a collection; 0 when no collection ran
     */
    public record Peak(long usedBytes, long liveBytes) {
    }

    private BenchHeap() {
        emitters = ManagementFactory.getGarbageCollectorMXBeans().stream()
                .filter(NotificationEmitter.class::isInstance).map(NotificationEmitter.class::cast).toList();
        emitters.forEach(e -> e.addNotificationListener(onCollection, null, null));
        sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            var thread = new Thread(r, "scv-bench-heap");
            thread.setDaemon(true);
            return thread;
        });
        sampler.scheduleAtFixedRate(this::sample, 0, SAMPLE_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Starts watching now. */
    static BenchHeap watch() {
        return new BenchHeap();
    }

    /** The heap in use now, from the JVM (no collection forced). */
    static long usedNow() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Stops watching; the peaks since {@link #watch()}. */
    Peak stop() {
        sampler.shutdownNow();
        for (NotificationEmitter e : emitters) {
            try {
                e.removeNotificationListener(onCollection);
            } catch (javax.management.ListenerNotFoundException ignored) {
                // never added to this one
            }
        }
        sample();
        return new Peak(used.get(), live.get());
    }

    private void sample() {
        used.accumulateAndGet(usedNow(), Math::max);
    }

    private void collected(Notification notification, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            return;
        }
        var gc = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData()).getGcInfo();
        used.accumulateAndGet(heapSum(gc.getMemoryUsageBeforeGc()), Math::max);
        live.accumulateAndGet(heapSum(gc.getMemoryUsageAfterGc()), Math::max);
    }

    private long heapSum(Map<String, MemoryUsage> pools) {
        return pools.entrySet().stream().filter(p -> heapPools.contains(p.getKey()))
                .mapToLong(p -> p.getValue().getUsed()).sum();
    }
}

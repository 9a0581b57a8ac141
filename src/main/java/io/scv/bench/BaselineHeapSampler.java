package io.scv.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * The largest used heap seen while the baseline runs: a daemon thread reads the heap's used bytes every
 * {@value #INTERVAL_MILLIS} ms. Used heap includes garbage not yet collected, as any heap figure does; a peak between
 * two samples can be missed, which matters little next to the large arrays the baseline keeps for seconds.
 */
final class BaselineHeapSampler implements AutoCloseable {
    private static final long INTERVAL_MILLIS = 5;
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long peak;

    private BaselineHeapSampler() {
        sample();
        thread = new Thread(this::loop, "baseline-heap-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    static BaselineHeapSampler start() {
        return new BaselineHeapSampler();
    }

    /** The largest used heap so far, in bytes. */
    long peakBytes() {
        sample();
        return peak;
    }

    private void loop() {
        while (running) {
            sample();
            try {
                Thread.sleep(INTERVAL_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private synchronized void sample() {
        long used = memory.getHeapMemoryUsage().getUsed();
        if (used > peak) {
            peak = used;
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}

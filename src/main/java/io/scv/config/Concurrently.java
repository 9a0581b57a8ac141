package io.scv.config;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs independent pieces of driver work (each submitting its own Spark jobs) side by side, so that Spark's
 * scheduler can fill the cores from all of them while one piece's driver plans, commits or waits on its last task.
 * Shared by the stages that have such pieces (ingest's sources, publish's tables), hence here with the config
 * that every stage already depends on. Results come back in the order of the inputs. A failure is
 * reported only after every piece has finished, so no Spark job of a failed stage is still running when the caller
 * sees it; when several pieces fail, the first in input order is thrown, as a sequential loop would have.
 */
public final class Concurrently {
    private Concurrently() {
    }

    /** The results of two pieces of work of different kinds. */
    public record Both<A, B>(A first, B second) {
    }

    /** Two pieces of work side by side, with {@link #map}'s error handling. */
    @SuppressWarnings("unchecked")
    public static <A, B> Both<A, B> both(Supplier<A> first, Supplier<B> second) {
        List<Object> results = map(List.<Supplier<?>>of(first, second), Supplier::get);
        return new Both<>((A) results.get(0), (B) results.get(1));
    }

    /** Every input in a thread of its own. */
    public static <T, R> List<R> map(List<T> inputs, Function<T, R> work) {
        return map(inputs, inputs.size(), work);
    }

    /** At most {@code threads} inputs at a time; with one thread (or one input) on the caller's thread. */
    public static <T, R> List<R> map(List<T> inputs, int threads, Function<T, R> work) {
        if (inputs.size() <= 1 || threads <= 1) {
            return inputs.stream().map(work).toList();
        }
        var counter = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, inputs.size()), task -> {
            var t = new Thread(task, "scv-concurrent-" + counter.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            var futures = new ArrayList<Future<R>>();
            for (T input : inputs) {
                futures.add(pool.submit(() -> work.apply(input)));
            }
            var results = new ArrayList<R>();
            Throwable first = null;
            for (Future<R> f : futures) {
                try {
                    results.add(f.get());
                } catch (ExecutionException e) {
                    first = first == null ? e.getCause() : first;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    first = first == null ? e : first;
                }
            }
            if (first instanceof RuntimeException r) {
                throw r;
            }
            if (first instanceof Error e) {
                throw e;
            }
            if (first != null) {
                throw new IllegalStateException(first);
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}

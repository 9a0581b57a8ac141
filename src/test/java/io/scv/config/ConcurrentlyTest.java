package io.scv.config;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

class ConcurrentlyTest {

    @Test
    void resultsComeBackInInputOrderWhateverFinishesFirst() {
        var out = Concurrently.map(List.of(30, 0, 10), ms -> {
            sleep(ms);
            return "done " + ms;
        });
        assertEquals(List.of("done 30", "done 0", "done 10"), out);
    }

    @Test
    void thePiecesRunSideBySide() {
        var started = new CountDownLatch(3);
        var out = Concurrently.map(List.of("a", "b", "c"), s -> {
            started.countDown();
            try {
                // each piece waits for the others to start: a sequential loop would time out here
                return started.await(10, TimeUnit.SECONDS) ? s : "alone";
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        assertEquals(List.of("a", "b", "c"), out);
    }

    @Test
    void aFailureIsThrownAfterEveryPieceFinishedAndTheFirstInInputOrderWins() {
        Set<String> finished = ConcurrentHashMap.newKeySet();
        var e = assertThrows(IllegalArgumentException.class, () -> Concurrently.map(List.of("slow", "a", "b"), s -> {
            if (s.equals("slow")) {
                sleep(200);
                finished.add(s);
                throw new IllegalArgumentException("first source failed");
            }
            finished.add(s);
            if (s.equals("b")) {
                throw new IllegalStateException("third source failed");
            }
            return s;
        }));
        assertEquals("first source failed", e.getMessage());
        assertEquals(Set.of("slow", "a", "b"), finished);
    }

    @Test
    void twoPiecesOfDifferentKindsRunSideBySideAndComeBackInPlace() {
        var started = new CountDownLatch(2);
        var both = Concurrently.both(() -> awaitBoth(started) ? 42 : -1, () -> awaitBoth(started) ? "orders" : "alone");
        assertEquals(42, both.first());
        assertEquals("orders", both.second());
    }

    @Test
    void whenBothFailTheFirstPiecesFailureWins() {
        var e = assertThrows(IllegalArgumentException.class, () -> Concurrently.both(() -> {
            sleep(100);
            throw new IllegalArgumentException("records failed");
        }, () -> {
            throw new IllegalStateException("orders failed");
        }));
        assertEquals("records failed", e.getMessage());
    }

    @Test
    void oneInputRunsOnTheCallersThread() {
        var caller = Thread.currentThread();
        assertEquals(List.of(true), Concurrently.map(List.of(1), i -> Thread.currentThread() == caller));
    }

    private static boolean awaitBoth(CountDownLatch started) {
        started.countDown();
        try {
            return started.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(int ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}

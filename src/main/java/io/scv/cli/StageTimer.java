package io.scv.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Wall time per pipeline stage, in the order the stages ran. Each stage start is announced (to the console
 * progress) and becomes the Spark job description until code inside the stage names its job more precisely, so
 * the Spark UI never shows a job under the previous stage's name.
 */
final class StageTimer {
    private final Map<String, Double> seconds = new LinkedHashMap<>();
    private final Consumer<String> onStage;

    StageTimer(Consumer<String> onStage) {
        this.onStage = onStage;
    }

    <T> T time(String stage, Supplier<T> work) {
        onStage.accept(stage);
        long start = System.nanoTime();
        try {
            return work.get();
        } finally {
            seconds.merge(stage, (System.nanoTime() - start) / 1e9, Double::sum);
        }
    }

    Map<String, Double> ordered() {
        return new LinkedHashMap<>(seconds);
    }
}

package io.scv.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Collects configuration problems so that one validation pass reports all of them, not just the first. */
public final class Problems {
    private final List<String> messages = new ArrayList<>();

    public void add(String path, String message) {
        messages.add(path + ": " + message);
    }

    public void addAll(Collection<String> more) {
        messages.addAll(more);
    }

    public boolean isEmpty() {
        return messages.isEmpty();
    }

    public List<String> messages() {
        return List.copyOf(messages);
    }

    public void throwIfAny() {
        if (!messages.isEmpty()) {
            throw new ConfigException(messages);
        }
    }
}

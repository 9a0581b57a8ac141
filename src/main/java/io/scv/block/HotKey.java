package io.scv.block;

/**
 * A blocking key shared by more records than the cap, skipped. {@code fingerprint} is a hash of the key so the
 * report names it without showing personal data; the value itself is logged only at DEBUG.
 */
public record HotKey(String rule, String fingerprint, long records) {
}

package io.scv.sample;

import java.util.List;

/**
 * One night's full snapshot of every extract and how it differs from the night before.
 *
 * @param changes every change relative to the previous night, ordered by kind, source and id; empty for night 1
 * @param issued  every id handed out up to and including this night
 */
record Night(int number, SampleExtracts extracts, List<Change> changes, IssuedIds issued) {

    Night {
        changes = List.copyOf(changes);
    }

    static Night first(SampleExtracts extracts) {
        return new Night(1, extracts, List.of(), IssuedIds.NONE.plus(extracts));
    }
}

package io.scv.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class ErrorReportTest {
    @Test
    void quotedValuesAreMaskedAndColumnNamesKept() {
        var e = new IllegalStateException("[CAST_INVALID_INPUT] The value 'Jane Doe' of the type \"STRING\" cannot "
                + "be cast to \"DATE\" because it is malformed. Column `dob`.");
        String m = ErrorReport.message(e);
        assertFalse(m.contains("Jane"), m);
        assertTrue(m.contains("'…'") && m.contains("`dob`") && m.contains("CAST_INVALID_INPUT"), m);
    }

    @Test
    void theChainShowsEveryCauseWithFramesButNoValue() {
        var cause = new IllegalArgumentException("bad email 'jane@example.com'");
        var e = new RuntimeException("stage failed", cause);
        String report = ErrorReport.of(e);
        assertTrue(report.startsWith("java.lang.RuntimeException: stage failed\n\tat "), report);
        assertTrue(report.contains("Caused by: java.lang.IllegalArgumentException: bad email '…'"), report);
        assertFalse(report.contains("jane@"), report);
    }
}

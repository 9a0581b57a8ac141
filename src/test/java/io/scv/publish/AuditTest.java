package io.scv.publish;

import io.scv.config.AuditSettings;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.*;

class AuditTest {
    private static final AuditSettings LIMITS = AuditSettings.DEFAULTS; // ±25%, 3x largest, ±10 points, 10% churn
    private static final Audit.Previous BEFORE = new Audit.Previous(1000, 8, 600);

    private static Map<String, Boolean> gates(Audit.Figures now, long churned, AuditSettings limits) {
        return Audit.driftGates(now, BEFORE, churned, limits).stream()
                .collect(Collectors.toMap(Audit.Check::name, Audit.Check::passed));
    }

    @Test
    void aRunCloseToTheLastOnePassesEveryGate() {
        var g = gates(new Audit.Figures(2000, 1100, 20, 640), 50, LIMITS);
        assertEquals(Map.of("customer count change", true, "largest cluster", true, "share of singletons", true,
                "customer ID churn", true), g);
    }

    @Test
    void eachGateFailsOnItsOwnDrift() {
        assertFalse(gates(new Audit.Figures(2000, 1300, 8, 780), 0, LIMITS).get("customer count change"),
                "+30% customers");
        assertFalse(gates(new Audit.Figures(2000, 740, 8, 444), 0, LIMITS).get("customer count change"),
                "-26% customers");
        assertFalse(gates(new Audit.Figures(2000, 1000, 25, 600), 0, LIMITS).get("largest cluster"),
                "25 records where 8 were the most (limit 24)");
        assertTrue(gates(new Audit.Figures(2000, 1000, 24, 600), 0, LIMITS).get("largest cluster"));
        assertFalse(gates(new Audit.Figures(2000, 1000, 8, 720), 0, LIMITS).get("share of singletons"),
                "60% -> 72% singletons");
        assertFalse(gates(new Audit.Figures(2000, 1000, 8, 600), 101, LIMITS).get("customer ID churn"),
                "10.1% of the IDs churned");
        assertTrue(gates(new Audit.Figures(2000, 1000, 8, 600), 100, LIMITS).get("customer ID churn"));
    }

    @Test
    void aSmallLargestClusterMayGrowByFiveWhateverTheFactor() {
        var tiny = new Audit.Previous(1000, 1, 1000);
        var checks = Audit.driftGates(new Audit.Figures(1000, 1000, 6, 1000), tiny, 0, LIMITS);
        assertTrue(checks.stream().filter(c -> c.name().equals("largest cluster")).findFirst().orElseThrow().passed());
    }

    @Test
    void noGatesForAFirstRunASmallLastRunOrWhenTurnedOff() {
        var wild = new Audit.Figures(10, 10_000, 500, 0);
        assertEquals(List.of(), Audit.driftGates(wild, new Audit.Previous(0, 0, 0), 0, LIMITS));
        assertEquals(List.of(), Audit.driftGates(wild, new Audit.Previous(99, 3, 50), 99, LIMITS));
        assertEquals(List.of(), Audit.driftGates(wild, BEFORE, 1000, LIMITS.withoutDriftGates()));
        assertEquals(4, Audit.driftGates(wild, new Audit.Previous(100, 3, 50), 99, LIMITS).size());
    }

    @Test
    void aFailedCheckStopsThePublishAndNamesItself() {
        var checks = Audit.driftGates(new Audit.Figures(2000, 2000, 8, 1200), BEFORE, 0, LIMITS);
        var e = assertThrows(AuditFailed.class, () -> Audit.enforce(checks));
        assertEquals(1, e.failed().size());
        assertEquals("customer count change +100.0% (1,000 -> 2,000) beyond ±25.0%", e.getMessage());
        assertDoesNotThrow(() -> Audit.enforce(Audit.driftGates(new Audit.Figures(2000, 1000, 8, 600), BEFORE, 0,
                LIMITS)));
    }
}

package io.scv.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Where a benchmark ran: cores and memory of the machine, the JVM's heap limit, the Spark master, the machine's
 * load, and the code.
 *
 * @param loadAverage the system load average over the last minute when the job started; negative when unknown
 * @param commit {@code git describe --always --dirty} of the checkout the code was built in (a "-dirty" suffix:
 *               uncommitted changes), or the jar's version when there is no git checkout
 */
public record BenchMachine(int cores, long ramBytes, long maxHeapBytes, String master, double loadAverage,
                           String commit) {

    static BenchMachine current(String master) {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        return new BenchMachine(Runtime.getRuntime().availableProcessors(), os.getTotalMemorySize(),
                Runtime.getRuntime().maxMemory(), master, os.getSystemLoadAverage(), checkoutCommit());
    }

    /**
     * "2 cores, 23 GB RAM, heap 16 GB, local[2], load 1.2" (GB of 2^30 bytes, as -Xmx counts them). The load is
     * the machine's when the job started: on a shared machine it says how much of the cores the job had.
     */
    String describe() {
        return String.format(Locale.ROOT, "%d cores, %s GB RAM, heap %s GB, %s, load %s", cores, gigabytes(ramBytes),
                gigabytes(maxHeapBytes), master, loadAverage < 0 ? "n/a"
                        : String.format(Locale.ROOT, "%.1f", loadAverage));
    }

    private static String gigabytes(long bytes) {
        String text = String.format(Locale.ROOT, "%.1f", bytes / (double) (1L << 30));
        return text.endsWith(".0") ? text.substring(0, text.length() - 2) : text;
    }

    /**
     * The commit of the checkout the running code was built in (the folder above target/), else of the working
     * directory; the jar's version, or "unknown", without either.
     */
    static String checkoutCommit() {
        for (Path dir : new Path[]{checkoutOfThisCode(), Path.of("").toAbsolutePath()}) {
            if (dir == null) {
                continue;
            }
            try {
                var git = new ProcessBuilder("git", "-C", dir.toString(), "describe", "--always", "--dirty",
                        "--abbrev=7").redirectErrorStream(true).start();
                String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
                if (git.waitFor(10, TimeUnit.SECONDS) && git.exitValue() == 0 && !out.isEmpty()) {
                    return out;
                }
            } catch (IOException e) {
                break;   // no git on this machine: the jar's version below
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        String version = BenchMachine.class.getPackage().getImplementationVersion();
        return version == null ? "unknown" : version;
    }

    /** target/scv.jar or target/classes → the folder that holds target; null when it is elsewhere. */
    private static Path checkoutOfThisCode() {
        try {
            Path code = Path.of(BenchMachine.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path target = code.getParent();
            return target != null && target.getFileName() != null && target.getFileName().toString().equals("target")
                    ? target.getParent() : null;
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
    }
}

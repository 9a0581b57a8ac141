package io.scv.testing;

import io.scv.cli.RunSummary;
import io.scv.cli.ScvJob;
import io.scv.config.ConfigLoader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The warehouse of one run of {@code conf/scv.yaml} on the bundled sample, written once per test JVM by the first
 * test class that asks for it (the run takes a minute or two on two cores) and shared by every class that needs a
 * real warehouse: {@code SampleRunEndToEndTest} measures it, {@code NotebooksTest} runs the notebooks over it. It
 * lives in a temporary folder deleted when the JVM exits.
 * <p>
 * Read-only for its users, so that no test depends on which class ran first: a test that writes (another run, an
 * erasure) works on a {@link #copyTo copy}.
 */
public final class SampleWarehouse {
    private static SampleWarehouse instance;
    private final Path folder;
    private final RunSummary summary;

    private SampleWarehouse(Path folder, RunSummary summary) {
        this.folder = folder;
        this.summary = summary;
    }

    /** The sample warehouse, running the job first if this JVM has not yet. */
    public static synchronized SampleWarehouse get() {
        if (instance == null) {
            Path folder = temporaryFolder();
            var config = ConfigLoader.load(Path.of("conf/scv.yaml")).withWarehouse(folder.toString());
            instance = new SampleWarehouse(folder, new ScvJob(SparkTestSession.get()).run(config));
        }
        return instance;
    }

    /** The warehouse folder; every table of the run is committed when {@link #get()} returns. */
    public Path folder() {
        return folder;
    }

    /** The run's own figures, as {@code scv run} printed them. */
    public RunSummary summary() {
        return summary;
    }

    /** A copy of the whole warehouse (tables, Delta logs, reports) at {@code target}, for a test that writes. */
    public Path copyTo(Path target) {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path source : (Iterable<Path>) files::iterator) {
                Path copy = target.resolve(folder.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(source, copy);
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the sample warehouse to " + target, e);
        }
    }

    private static Path temporaryFolder() {
        try {
            Path root = Files.createTempDirectory("scv-sample-warehouse-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(root), "delete sample warehouse"));
            return root.resolve("warehouse");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary folder for the sample warehouse", e);
        }
    }

    private static void deleteQuietly(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // the JVM is exiting; a temporary folder left behind is the operating system's to clean
        }
    }
}

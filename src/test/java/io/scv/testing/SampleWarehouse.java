package io.scv.testing;

import io.scv.cli.RunSummary;
import io.scv.cli.ScvJob;
import io.scv.config.ConfigLoader;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The warehouse of one run of {@code conf/scv.yaml} on the bundled sample, written once by the first test class that
 * asks for it (the run takes a minute or two on two cores) and shared by every class that needs a real warehouse:
 * {@code SampleRunEndToEndTest} measures it, {@code NotebooksTest} runs the notebooks over it.
 * <p>
 * Under Maven the test JVMs of one build share it: surefire gives each the same {@value #SHARED_DIR} folder, and the
 * first JVM to take its lock runs the job while the other waits, then reads the folder and the run's summary (kept
 * as JSON beside it). Without that property (a test run from an IDE) it lives in a temporary folder deleted when
 * the JVM exits.
 * <p>
 * Read-only for its users, so that no test depends on which class ran first: a test that writes (another run, an
 * erasure) works on a {@link #copyTo copy}.
 */
public final class SampleWarehouse {
    /** System property: a folder every test JVM of one build gets, where the first one writes the warehouse. */
    public static final String SHARED_DIR = "scv.test.sampleWarehouse";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static SampleWarehouse instance;
    private final Path folder;
    private final RunSummary summary;

    private SampleWarehouse(Path folder, RunSummary summary) {
        this.folder = folder;
        this.summary = summary;
    }

    /** The sample warehouse, running the job first if no test JVM of this build has yet. */
    public static synchronized SampleWarehouse get() {
        if (instance == null) {
            String shared = System.getProperty(SHARED_DIR);
            instance = shared == null || shared.isBlank() ? run(temporaryFolder()) : sharedByTheBuild(Path.of(shared));
        }
        return instance;
    }

    private static SampleWarehouse run(Path folder) {
        var config = ConfigLoader.load(Path.of("conf/scv.yaml")).withWarehouse(folder.toString());
        return new SampleWarehouse(folder, new ScvJob(SparkTestSession.get()).run(config));
    }

    /** Runs the job into {@code dir} unless another JVM of the build did; waits while another JVM runs it. */
    private static SampleWarehouse sharedByTheBuild(Path dir) {
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir);
                deleteEarlierBuilds(dir);
            }
            try (var channel = FileChannel.open(dir.resolve("lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); var ignored = channel.lock()) {
                Path folder = dir.resolve("warehouse");
                Path summary = dir.resolve("summary.json");
                if (Files.exists(summary)) {
                    return new SampleWarehouse(folder, JSON.readValue(summary.toFile(), RunSummary.class));
                }
                deleteQuietly(folder);
                var built = run(folder);
                Path partial = dir.resolve("summary.json.partial");
                JSON.writeValue(partial.toFile(), built.summary);
                Files.move(partial, summary, StandardCopyOption.ATOMIC_MOVE);
                return built;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot share the sample warehouse through " + dir, e);
        }
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

    /** The folders of earlier builds beside this one's: each holds a whole warehouse. */
    private static void deleteEarlierBuilds(Path dir) throws IOException {
        try (Stream<Path> siblings = Files.list(dir.getParent())) {
            siblings.filter(p -> !p.equals(dir) && Files.isDirectory(p)).forEach(SampleWarehouse::deleteQuietly);
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

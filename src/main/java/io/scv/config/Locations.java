package io.scv.config;

/** Paths in config and on the command line: local folders and files, or URIs that Spark resolves itself. */
public final class Locations {
    private Locations() {
    }

    /** True for {@code hdfs://…}, {@code s3a://…}, {@code file:/…}: anything with a scheme, left to Spark. */
    public static boolean isUri(String location) {
        return location.matches("^[A-Za-z][A-Za-z0-9+.-]*:/.*");
    }
}

package io.scv.config;

import java.util.Map;

/** A file or table to read: resolved path, format (csv, json, parquet, delta) and Spark reader options. */
public record InputFile(String path, String format, Map<String, String> options) {
    public InputFile {
        options = Map.copyOf(options);
    }
}

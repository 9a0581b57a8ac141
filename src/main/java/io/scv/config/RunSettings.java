package io.scv.config;

/** Run-wide settings. The warehouse path is where publish writes the Delta tables. */
public record RunSettings(String name, String warehouse, String defaultCountry) {
}

package io.scv.sample;

/** An employer of business customers; work email addresses use its domain. */
record Company(String name, String domain) {
}

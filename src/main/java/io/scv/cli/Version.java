package io.scv.cli;

/** The version of scv, from the jar manifest (falls back to "dev" when run from classes). */
final class Version {
    private Version() {
    }

    static String current() {
        String v = Version.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}

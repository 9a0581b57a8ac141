package io.scv.bench;

/**
 * The config asks for something the single-JVM baseline does not reproduce exactly (an unknown SQL level, a mapping
 * expression, retention, term-frequency adjustment...). The baseline refuses rather than measure different work.
 */
public final class BaselineUnsupportedConfig extends RuntimeException {
    BaselineUnsupportedConfig(String configPath, String what) {
        super(configPath + ": " + what + "; the single-JVM baseline reproduces the job exactly only for what "
                + "conf/scv.yaml uses, and refuses the rest rather than measure other work");
    }
}

package io.scv.cli;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What an operator sees when a command fails: each exception of the cause chain with its stack frames, and its
 * message with every single-quoted part masked. Spark quotes data values that way ({@code The value 'Jane' of
 * the type "STRING" cannot be cast...}) and column names with backticks, so the mask keeps what helps find the
 * fault and drops what may be personal data. The unmasked chain goes to the log at DEBUG only.
 */
final class ErrorReport {
    private static final Pattern QUOTED = Pattern.compile("'[^'\\n]*'");

    private ErrorReport() {
    }

    /** One exception's message, masked. */
    static String message(Throwable e) {
        return e.getMessage() == null ? "" : QUOTED.matcher(e.getMessage()).replaceAll("'…'");
    }

    /** The whole chain: class, masked message and frames of each exception. */
    static String of(Throwable e) {
        var sb = new StringBuilder();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = e; t != null && seen.add(t); t = t.getCause()) {
            sb.append(t == e ? "" : "Caused by: ").append(t.getClass().getName()).append(": ").append(message(t))
                    .append('\n');
            for (StackTraceElement frame : t.getStackTrace()) {
                sb.append("\tat ").append(frame).append('\n');
            }
        }
        return sb.toString();
    }
}

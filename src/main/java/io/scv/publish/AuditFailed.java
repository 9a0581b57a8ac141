package io.scv.publish;

import java.util.List;
import java.util.stream.Collectors;

/** A check before publish failed: the run published nothing. */
public final class AuditFailed extends RuntimeException {
    private final transient List<Audit.Check> failed;

    public AuditFailed(List<Audit.Check> failed) {
        super(failed.stream().map(Audit.Check::toString).collect(Collectors.joining("; ")));
        this.failed = List.copyOf(failed);
    }

    public List<Audit.Check> failed() {
        return failed;
    }
}

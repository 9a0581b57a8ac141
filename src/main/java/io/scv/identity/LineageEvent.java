package io.scv.identity;

/** The events of {@code id_lineage}: what happened to a customer ID in a run. */
public final class LineageEvent {
    /** A new ID for records no previous customer held. */
    public static final String CREATED = "created";
    /** A new ID for records split off a previous customer ({@code related_id}), which kept its ID elsewhere. */
    public static final String SPLIT_FROM = "split_from";
    /** A previous ID retired because its records joined another customer ({@code related_id}) that kept its ID. */
    public static final String MERGED_INTO = "merged_into";
    /** A previous ID retired because none of its records are left (deleted at the source or forgotten). */
    public static final String RETIRED = "retired";

    private LineageEvent() {
    }
}

package io.scv.bench;

/**
 * One source record as ingest hands it to standardisation: the mapped values as read (untrimmed, null when empty),
 * in the slots of {@link BaselineInput#fields()}, and the two list fields.
 *
 * @param source       index of its source in the config
 * @param sourceId     the trimmed id
 * @param values       raw text per slot
 * @param espRecordIds email-platform record ids, trimmed, never null
 * @param deviceIds    device ids, never null
 */
record BaselineRawRecord(int source, String sourceId, String[] values, String[] espRecordIds, String[] deviceIds) {
}

package dev.warden.audit.query;

import dev.warden.core.json.Json;
import java.util.Map;

/**
 * One record as stored: its place in the chain and its canonical JSON (already redacted).
 *
 * @param seq    the record's sequence number in the store
 * @param record the event's canonical JSON, byte for byte what was hashed
 */
public record StoredEvent(long seq, String record) {

    /** The record parsed; a record that is not a JSON object (a damaged store) is reported, not hidden. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> json() {
        Object value = Json.parse(record);
        if (value instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw new IllegalStateException("record " + seq + " is not a JSON object; run 'warden audit verify'");
    }
}

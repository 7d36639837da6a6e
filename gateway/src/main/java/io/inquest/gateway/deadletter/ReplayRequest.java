package io.inquest.gateway.deadletter;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;

/**
 * Which dead letters to put back: {@code {"topic": "...", "all": true}} or
 * {@code {"topic": "...", "records": [{"partition": 0, "offset": 12}]}}.
 */
public record ReplayRequest(@NotBlank String topic, boolean all, List<@Valid RecordPosition> records) {

    public List<RecordPosition> records() {
        return records == null ? List.of() : records;
    }

    @JsonIgnore
    @AssertTrue(message = "name the records to replay, or set \"all\": true, but not both")
    public boolean isSelection() {
        return all != !records().isEmpty();
    }
}

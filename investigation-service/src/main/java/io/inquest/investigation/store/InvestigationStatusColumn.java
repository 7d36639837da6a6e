package io.inquest.investigation.store;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores a status by its wire name, so SQL against the table reads like the API and events. */
@Converter(autoApply = true)
public class InvestigationStatusColumn implements AttributeConverter<InvestigationStatus, String> {

    @Override
    public String convertToDatabaseColumn(InvestigationStatus status) {
        return status == null ? null : status.wireName();
    }

    @Override
    public InvestigationStatus convertToEntityAttribute(String column) {
        return column == null ? null : InvestigationStatus.fromWireName(column);
    }
}

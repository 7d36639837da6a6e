package io.inquest.notification.delivery;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores a status by its wire name, as the API shows it. */
@Converter(autoApply = true)
public class DeliveryStatusColumn implements AttributeConverter<DeliveryStatus, String> {

    @Override
    public String convertToDatabaseColumn(DeliveryStatus status) {
        return status == null ? null : status.wireName();
    }

    @Override
    public DeliveryStatus convertToEntityAttribute(String column) {
        return column == null ? null : DeliveryStatus.fromWireName(column);
    }
}

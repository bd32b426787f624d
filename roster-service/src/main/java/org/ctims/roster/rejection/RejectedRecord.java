package org.ctims.roster.rejection;

/**
 * A record that was rejected, as the intake reports it.
 *
 * @param eventId the CloudEvents id (null if the record had none)
 * @param sis the sending SIS ({@code ce_source}), {@code unknown} if it had none
 * @param schoolSourcedId the school the record names, if any
 * @param recordType the {@code ce_type} as received
 * @param recordKey the record key ({@code <type>:<sourcedId>})
 * @param reason why it can never be applied
 * @param payloadExcerpt the beginning of the payload, for people to recognise it
 */
public record RejectedRecord(String eventId, String sis, String schoolSourcedId, String recordType, String recordKey,
                             String reason, String payloadExcerpt) {
}

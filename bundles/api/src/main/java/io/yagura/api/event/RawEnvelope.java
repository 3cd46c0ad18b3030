package io.yagura.api.event;

/**
 * One received log line and what ingest knew about it when it arrived.
 *
 * @param receivedAt   epoch milliseconds when the listener received the line
 * @param source       address of the sender (a device or a relay)
 * @param listener     listener that received it, e.g. "udp:5514", "tls:6514"
 * @param deviceId     registered device, or null if the source is unknown
 * @param customerId   customer owning the device, or null
 * @param vendor       vendor id of the plugin that should parse it, or null
 * @param autoDetected true when the vendor was recognised by a plugin's probe
 * @param raw          the line as received (decoded as UTF-8, framing removed)
 */
public record RawEnvelope(long receivedAt, String source, String listener, String deviceId,
                          String customerId, String vendor, boolean autoDetected, String raw) {

    public RawEnvelope withVendor(String vendorId, boolean detected) {
        return new RawEnvelope(receivedAt, source, listener, deviceId, customerId, vendorId, detected, raw);
    }
}

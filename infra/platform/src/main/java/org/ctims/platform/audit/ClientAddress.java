package org.ctims.platform.audit;

/**
 * Where a request came from.
 *
 * @param client the caller's address by the rule of {@link ClientAddresses}
 * @param peer the TCP peer of this service (the gateway, for calls through it)
 * @param forwardedFor the {@code X-Forwarded-For} (or {@code Forwarded}) header as received, only
 *        when the peer is a trusted proxy; otherwise null (an untrusted hop's header is not kept)
 */
public record ClientAddress(String client, String peer, String forwardedFor) {

    static final ClientAddress NONE = new ClientAddress(null, null, null);
}

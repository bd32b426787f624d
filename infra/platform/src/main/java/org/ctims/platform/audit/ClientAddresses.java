package org.ctims.platform.audit;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The caller's address of a request, never from a header an untrusted hop could have written:
 * the TCP peer is the client unless it is one of {@code ctims.audit.trusted-proxies} (addresses
 * or CIDR ranges); then {@code X-Forwarded-For} (else RFC 7239 {@code Forwarded: for=}) is read
 * from the right, skipping trusted proxies, and the first other address is the client. A hop that
 * is not an IP address ends the walk at the last trusted hop. If every hop is trusted, the
 * leftmost is the client.
 */
public final class ClientAddresses {

    private static final Pattern IPV4 = Pattern.compile("^\\d{1,3}(\\.\\d{1,3}){3}$");
    private static final Pattern IPV6 = Pattern.compile("^[0-9A-Fa-f:.]{2,45}$");
    private static final int MAX_HEADER = 1000;

    private final List<Range> trusted;

    public ClientAddresses(List<String> trustedProxies) {
        List<Range> ranges = new ArrayList<>();
        for (String entry : trustedProxies) {
            if (!entry.isBlank()) {
                ranges.add(Range.parse(entry.strip()));
            }
        }
        this.trusted = List.copyOf(ranges);
    }

    /** The address of the request this thread serves, or {@link ClientAddress#NONE} outside a request. */
    public ClientAddress current() {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        if (attributes instanceof ServletRequestAttributes servlet) {
            return of(servlet.getRequest());
        }
        return ClientAddress.NONE;
    }

    public ClientAddress of(HttpServletRequest request) {
        List<String> xff = Collections.list(request.getHeaders("X-Forwarded-For"));
        List<String> forwarded = Collections.list(request.getHeaders("Forwarded"));
        return resolve(request.getRemoteAddr(), xff, forwarded);
    }

    ClientAddress resolve(String peer, List<String> xForwardedFor, List<String> forwarded) {
        if (!isTrusted(peer)) {
            return new ClientAddress(peer, peer, null);
        }
        List<String> hops;
        String raw;
        if (!xForwardedFor.isEmpty()) {
            raw = String.join(", ", xForwardedFor);
            hops = Arrays.stream(raw.split(",")).map(String::strip).filter(h -> !h.isEmpty()).toList();
        } else if (!forwarded.isEmpty()) {
            raw = String.join(", ", forwarded);
            hops = forwardedFor(raw);
        } else {
            return new ClientAddress(peer, peer, null);
        }
        String client = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            String hop = hops.get(i);
            if (!isAddress(hop)) {
                break;
            }
            client = hop;
            if (!isTrusted(hop)) {
                break;
            }
        }
        return new ClientAddress(client, peer, raw.length() > MAX_HEADER ? raw.substring(0, MAX_HEADER) : raw);
    }

    boolean isTrusted(String address) {
        if (address == null || !isAddress(address)) {
            return false;
        }
        byte[] bytes = bytes(address);
        return trusted.stream().anyMatch(range -> range.contains(bytes));
    }

    /** The {@code for=} values of RFC 7239 elements, quotes, brackets and ports removed. */
    private static List<String> forwardedFor(String header) {
        List<String> hops = new ArrayList<>();
        for (String element : header.split(",")) {
            for (String pair : element.split(";")) {
                String[] kv = pair.strip().split("=", 2);
                if (kv.length == 2 && kv[0].strip().toLowerCase(Locale.ROOT).equals("for")) {
                    String value = kv[1].strip().replace("\"", "");
                    if (value.startsWith("[")) {
                        int end = value.indexOf(']');
                        value = end > 0 ? value.substring(1, end) : value;
                    } else if (value.indexOf(':') == value.lastIndexOf(':') && value.contains(":")) {
                        value = value.substring(0, value.indexOf(':'));   // IPv4 with a port
                    }
                    hops.add(value);
                }
            }
        }
        return hops;
    }

    static boolean isAddress(String s) {
        return (IPV4.matcher(s).matches() || (s.contains(":") && IPV6.matcher(s).matches())) && bytes(s) != null;
    }

    private static byte[] bytes(String literal) {
        try {
            // only ever called with an IP literal (checked above): no name lookup happens
            return InetAddress.getByName(literal).getAddress();
        } catch (UnknownHostException | IllegalArgumentException e) {
            return null;
        }
    }

    private record Range(byte[] network, int bits) {

        static Range parse(String cidr) {
            String[] parts = cidr.split("/", 2);
            if (!isAddress(parts[0])) {
                throw new IllegalArgumentException("ctims.audit.trusted-proxies: '" + cidr + "' is not an IP address or CIDR range");
            }
            byte[] network = bytes(parts[0]);
            int bits = parts.length == 2 ? Integer.parseInt(parts[1]) : network.length * 8;
            if (bits < 0 || bits > network.length * 8) {
                throw new IllegalArgumentException("ctims.audit.trusted-proxies: bad prefix length in '" + cidr + "'");
            }
            return new Range(network, bits);
        }

        boolean contains(byte[] address) {
            if (address == null || address.length != network.length) {
                return false;
            }
            for (int i = 0; i < bits; i++) {
                int mask = 0x80 >> (i % 8);
                if ((address[i / 8] & mask) != (network[i / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}

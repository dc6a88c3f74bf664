package io.github.approovjaxrs.gateway;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which headers cross the gateway, in each direction.
 *
 * <p>Towards the upstream: every line of the client's request, in order, except the hop-by-hop headers
 * (RFC 9110 §7.6.1: {@code Connection}, every header it names, and the usual list), those the HTTP client
 * writes itself from the target and the body ({@code Host}, {@code Content-Length}, {@code Expect}), and the
 * token header unless it is to be kept; then this hop is appended to {@code X-Forwarded-For},
 * {@code X-Forwarded-Proto} and {@code X-Forwarded-Host}, each a comma-separated list with one entry per
 * proxy, the last one this gateway's.
 *
 * <p>Towards the client: every line of the upstream's response except the hop-by-hop headers.
 */
final class ForwardedHeaders {

    /** A header line. */
    record Header(String name, String value) {
    }

    /**
     * Hop-by-hop headers: they describe one connection, not the message. RFC 9110 §7.6.1 names
     * {@code Connection}, {@code Proxy-Connection}, {@code Keep-Alive}, {@code TE}, {@code Transfer-Encoding}
     * and {@code Upgrade}; RFC 2616 also {@code Trailer} and the {@code Proxy-Authenticate} /
     * {@code Proxy-Authorization} pair, which are meant for a proxy, never for the API behind it.
     */
    static final Set<String> HOP_BY_HOP = Set.of("connection", "proxy-connection", "keep-alive", "te", "trailer",
            "transfer-encoding", "upgrade", "proxy-authenticate", "proxy-authorization");
    /**
     * Written by java.net.http itself, from the target URI and the body it is given (it refuses them from
     * callers): the upstream sees its own host name, and the actual length of what is sent.
     */
    static final Set<String> SET_BY_HTTP_CLIENT = Set.of("host", "content-length", "expect");

    static final String FORWARDED_FOR = "X-Forwarded-For";
    static final String FORWARDED_PROTO = "X-Forwarded-Proto";
    static final String FORWARDED_HOST = "X-Forwarded-Host";

    private ForwardedHeaders() {
    }

    /**
     * The header lines to send upstream.
     *
     * @param request every header line of the client's request, by name
     * @param droppedHeader a further header not to forward (the token header), or null
     * @param clientAddress the address the client connected from
     * @param scheme the scheme the client used to reach the gateway
     */
    static List<Header> towardsUpstream(Map<String, List<String>> request, String droppedHeader,
            String clientAddress, String scheme) {
        Set<String> dropped = hopByHop(request);
        dropped.addAll(SET_BY_HTTP_CLIENT);
        dropped.add(FORWARDED_FOR.toLowerCase(Locale.ROOT));
        dropped.add(FORWARDED_PROTO.toLowerCase(Locale.ROOT));
        dropped.add(FORWARDED_HOST.toLowerCase(Locale.ROOT));
        if (droppedHeader != null) {
            dropped.add(droppedHeader.toLowerCase(Locale.ROOT));
        }
        List<Header> headers = copy(request, dropped);
        headers.add(new Header(FORWARDED_FOR, appended(lines(request, FORWARDED_FOR), clientAddress)));
        headers.add(new Header(FORWARDED_PROTO, appended(lines(request, FORWARDED_PROTO), scheme)));
        List<String> hosts = lines(request, "Host");
        List<String> forwardedHosts = lines(request, FORWARDED_HOST);
        if (!hosts.isEmpty()) {
            headers.add(new Header(FORWARDED_HOST, appended(forwardedHosts, hosts.get(0))));
        } else if (!forwardedHosts.isEmpty()) {
            headers.add(new Header(FORWARDED_HOST, String.join(", ", forwardedHosts)));
        }
        return headers;
    }

    /** The header lines of the upstream's response to pass on to the client. */
    static List<Header> towardsClient(Map<String, List<String>> response) {
        return copy(response, hopByHop(response));
    }

    /** The lower-case names of the hop-by-hop headers of a message: the fixed list and those its Connection names. */
    private static Set<String> hopByHop(Map<String, List<String>> headers) {
        Set<String> names = new HashSet<>(HOP_BY_HOP);
        for (String line : lines(headers, "Connection")) {
            for (String option : line.split(",")) {
                String name = option.strip().toLowerCase(Locale.ROOT);
                if (!name.isEmpty()) {
                    names.add(name);
                }
            }
        }
        return names;
    }

    private static List<Header> copy(Map<String, List<String>> headers, Set<String> dropped) {
        List<Header> copied = new ArrayList<>();
        headers.forEach((name, values) -> {
            if (!dropped.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> copied.add(new Header(name, value)));
            }
        });
        return copied;
    }

    /** Every line of {@code name}, whatever the case of the map's keys. */
    private static List<String> lines(Map<String, List<String>> headers, String name) {
        List<String> lines = new ArrayList<>();
        headers.forEach((key, values) -> {
            if (key.equalsIgnoreCase(name)) {
                lines.addAll(values);
            }
        });
        return lines;
    }

    /** The list the earlier proxies wrote, as one line, with this hop's entry at its end. */
    private static String appended(List<String> earlier, String entry) {
        List<String> entries = new ArrayList<>();
        for (String line : earlier) {
            if (!line.isBlank()) {
                entries.add(line.strip());
            }
        }
        entries.add(entry);
        return String.join(", ", entries);
    }
}

package io.github.approovjaxrs.gateway;

import static io.github.approovjaxrs.core.ApproovConfigurationException.quoteSafely;

import io.github.approovjaxrs.core.ApproovConfig;
import java.util.List;
import java.util.function.Function;

/**
 * What the check service ({@code --check}) is told, read as the gateway reads its settings
 * ({@link SettingsReader}) and validated together. It forwards nothing, so it has no upstream; the proxy in
 * front chooses the policy by the path it calls, so the gateway's per-path settings are refused rather
 * than silently ignored.
 *
 * @param host where to listen
 * @param port the port to listen on; 0 picks a free one
 * @param stripTokenHeader whether allowed answers ask Envoy to remove the token header upstream (default true)
 * @param deviceIdHeader the header that carries the verified device id to the proxy; null for none
 * @param approov the library's settings
 * @param usesDummySecret true when the key in use is Approov's public dummy secret (only with {@code --demo})
 */
record CheckServiceConfig(String host, int port, boolean stripTokenHeader, String deviceIdHeader,
        ApproovConfig approov, boolean usesDummySecret) {

    /** Next to the gateway's 8003, so the Shapes API, the gateway and the check service run side by side. */
    static final int DEFAULT_PORT = 8004;
    /** The header of an allowed answer that carries the verified device id ({@code did}); unset: none. */
    static final String DEVICE_ID_HEADER = "APPROOV_DEVICE_ID_HEADER";
    /** The gateway's variables that choose the policy by path: the proxy does that here. */
    static final List<String> GATEWAY_POLICY_VARIABLES = List.of(GatewayConfig.VERIFICATION_STRATEGY,
            GatewayConfig.BINDING_PATH_PREFIXES);

    /**
     * Reads and validates every setting.
     *
     * @param environment name to value, null when unset (e.g. {@link ApproovConfig#environment()})
     * @param demo whether {@code --demo} was given: Approov's public dummy secret when no key is configured
     * @throws GatewayConfigException listing every problem, each naming its variable and the fix
     */
    static CheckServiceConfig read(Function<String, String> environment, boolean demo) {
        Reader reader = new Reader(environment, demo);
        reader.readAll();
        reader.failOnProblems();
        return new CheckServiceConfig(reader.host, reader.port, reader.stripTokenHeader, reader.deviceIdHeader,
                reader.approov, reader.dummySecret);
    }

    private static final class Reader extends SettingsReader {
        private boolean stripTokenHeader = true;
        private String deviceIdHeader;

        Reader(Function<String, String> environment, boolean demo) {
            super(environment, demo, "the check service", DEFAULT_PORT);
        }

        void readAll() {
            for (String variable : GATEWAY_POLICY_VARIABLES) {
                if (get(variable) != null) {
                    problems.add(variable + " is the gateway's: with --check the proxy chooses the policy by the path"
                            + " it calls (" + String.join(", ", CheckPolicy.all().stream().map(CheckPolicy::path).toList())
                            + "); unset it.");
                }
            }
            String strip = get(GatewayConfig.STRIP_TOKEN_HEADER);
            if (strip != null) {
                stripTokenHeader = parseBoolean(GatewayConfig.STRIP_TOKEN_HEADER, strip, stripTokenHeader);
            }
            String deviceId = get(DEVICE_ID_HEADER);
            if (deviceId != null) {
                if (!deviceId.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,64}")) {
                    problems.add(DEVICE_ID_HEADER + " must be a header name, e.g. Approov-Device-Id; got "
                            + quoteSafely(deviceId) + ".");
                } else {
                    deviceIdHeader = deviceId;
                }
            }
            readHostAndPort();
            readApproov();
            if (approov != null && deviceIdHeader != null) {
                if (deviceIdHeader.equalsIgnoreCase(approov.tokenHeaderName())
                        || approov.bindingHeaderNames().stream().anyMatch(deviceIdHeader::equalsIgnoreCase)) {
                    problems.add(DEVICE_ID_HEADER + " names the token header or a binding header: choose a header of"
                            + " its own, e.g. Approov-Device-Id.");
                }
            }
        }
    }
}

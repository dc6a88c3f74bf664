package io.github.approovjaxrs.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ServerAddressTest {

    static ServerAddress read(Map<String, String> environment) {
        return ServerAddress.read(environment::get, 8002);
    }

    @Test
    void defaultsToLoopbackAndTheAppsPort() {
        assertEquals(new ServerAddress("127.0.0.1", 8002), read(Map.of()));
        assertEquals(new ServerAddress("127.0.0.1", 8002), read(Map.of("HTTP_HOST", " ", "HTTP_PORT", "")));
        assertEquals(new ServerAddress("127.0.0.1", 8003), ServerAddress.read(Map.<String, String>of()::get, 8003));
    }

    @Test
    void readsHostAndPort() {
        assertEquals(new ServerAddress("localhost", 9000), read(Map.of("HTTP_HOST", " localhost ", "HTTP_PORT", " 9000 ")));
        assertEquals(0, read(Map.of("HTTP_PORT", "0")).port());
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "-1", "65536", "80.5", "0x50", "99999999999"})
    void refusesAPortThatIsNoPort(String port) {
        StartupException thrown = assertThrows(StartupException.class, () -> read(Map.of("HTTP_PORT", port)));
        assertEquals("HTTP_PORT must be a port number from 1 to 65535 (or 0 for any free port); got \"" + port + "\".",
                thrown.getMessage());
    }

    @Test
    void refusesAHostThatDoesNotResolve() {
        StartupException thrown = assertThrows(StartupException.class,
                () -> new ServerAddress("nohost.invalid", 8002).resolve());
        assertTrue(thrown.getMessage().startsWith("HTTP_HOST cannot be resolved"), thrown.getMessage());
        assertTrue(thrown.getMessage().endsWith("; got \"nohost.invalid\"."), thrown.getMessage());
    }

    @Test
    void putsAnIpv6LiteralInBrackets() {
        assertEquals(URI.create("http://[::1]:8002/"), new ServerAddress("::1", 8002).baseUri());
    }

    @Test
    void clientsOfAWildcardAddressCallLoopback() {
        assertEquals(URI.create("http://127.0.0.1:8002/"), new ServerAddress("0.0.0.0", 8002).localClientUri());
        assertEquals(URI.create("http://[::1]:8002/"), new ServerAddress("::", 8002).localClientUri());
        assertEquals(URI.create("http://localhost:8002/"), new ServerAddress("localhost", 8002).localClientUri());
    }
}

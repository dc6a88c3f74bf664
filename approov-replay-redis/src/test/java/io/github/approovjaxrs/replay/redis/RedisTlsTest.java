package io.github.approovjaxrs.replay.redis;

import static io.github.approovjaxrs.core.ReplayStore.Outcome.FIRST_USE;
import static io.github.approovjaxrs.core.ReplayStore.Outcome.REPLAYED;
import static io.github.approovjaxrs.core.ReplayStore.Outcome.UNAVAILABLE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.SslOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rediss://}: TLS and a password, both from the URL, against a real redis-server with a certificate made
 * here with the JDK's keytool (no openssl needed). The store checks the server's certificate and host name: with
 * a trust store that holds the certificate it works, with the JVM's default one (which does not) it fails closed.
 */
class RedisTlsTest {

    static final String PASSWORD = "Lp4Vd9Qs2Wn7Kc3R";
    static final String STORE_PASSWORD = "changeit";

    @Test
    void tlsAndAPasswordFromTheUrl(@TempDir Path dir) throws Exception {
        Path keystore = dir.resolve("redis.p12");
        keytool("-genkeypair", "-alias", "redis", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
                "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2", "-storetype", "PKCS12", "-keystore",
                keystore.toString(), "-storepass", STORE_PASSWORD, "-keypass", STORE_PASSWORD);
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, STORE_PASSWORD.toCharArray());
        }
        Certificate certificate = store.getCertificate("redis");
        PrivateKey key = (PrivateKey) store.getKey("redis", STORE_PASSWORD.toCharArray());
        Path certFile = pem(dir.resolve("redis.crt"), "CERTIFICATE", certificate.getEncoded());
        Path keyFile = pem(dir.resolve("redis.key"), "PRIVATE KEY", key.getEncoded());
        Path truststore = truststore(dir.resolve("trust.p12"), certificate);

        int tlsPort = RedisServer.freePort();
        try (RedisServer redis = RedisServer.start(PASSWORD, List.of("--tls-port", String.valueOf(tlsPort),
                "--tls-cert-file", certFile.toString(), "--tls-key-file", keyFile.toString(),
                "--tls-ca-cert-file", certFile.toString(), "--tls-auth-clients", "no"))) {
            String url = "rediss://:" + PASSWORD + "@127.0.0.1:" + tlsPort + "/0";
            SslOptions trusting = SslOptions.builder().jdkSslProvider().truststore(truststore.toFile(), STORE_PASSWORD).build();
            try (RedisReplayStore tls = RedisReplayStore.open(url, Duration.ofSeconds(1), trusting)) {
                byte[] key1 = RedisReplayStoreTest.key();
                assertEquals(FIRST_USE, RedisReplayStoreTest.eventually(FIRST_USE, () -> tls.firstUse(key1, Duration.ofMinutes(1))));
                assertEquals(REPLAYED, tls.firstUse(key1, Duration.ofMinutes(1)));
                assertEquals(":1", redis.command("EXISTS", RedisReplayStoreTest.redisKey(key1)), "stored through TLS");
                assertEquals("in Redis at rediss://***@127.0.0.1:" + tlsPort + "/0 (timeout 1000 ms)", tls.describe());
            }
            try (RedisReplayStore untrusting = RedisReplayStore.open(url, Duration.ofMillis(200))) {
                for (int i = 0; i < 5; i++) {
                    assertEquals(UNAVAILABLE, untrusting.firstUse(RedisReplayStoreTest.key(), Duration.ofMinutes(1)),
                            "a certificate the JVM does not trust is refused: fail closed");
                    RedisServer.sleep(50);
                }
            }
        }
    }

    private static void keytool(String... arguments) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool")
                .toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0, "keytool: " + output);
    }

    private static Path pem(Path file, String type, byte[] der) throws IOException {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        Files.writeString(file, "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n");
        return file;
    }

    private static Path truststore(Path file, Certificate certificate) throws IOException, GeneralSecurityException {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("redis", certificate);
        try (OutputStream out = Files.newOutputStream(file)) {
            trust.store(out, STORE_PASSWORD.toCharArray());
        }
        return file;
    }
}

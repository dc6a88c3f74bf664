package io.github.approovjaxrs.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.PSSParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * RFC 9421's own vectors for signature-base construction: Appendix B.2 (test-request), B.3 (TLS-terminating
 * proxy), B.4 (message transformations), and the examples of §2.1 and §2.2.8. Each base is compared with
 * the RFC's text byte for byte, and each signature is verified with the RFC's key (HMAC and Ed25519 are
 * deterministic, so those are recomputed too). Source: RFC 9421 (IETF Trust; code components under the
 * Revised BSD License).
 */
class SignatureBaseRfc9421Test {

    static final String CONTENT_DIGEST = "sha-512=:WZDPaVn/7XgHaAy8pmojAkGWoRx2UFChF41A2svX+TaPm+AbwAgBWnrIiYllu7BNNyealdVLvRwEmTHWXvJwew==:";
    static final String RSA_PSS_PUBLIC_KEY = "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAr4tmm3r20Wd/PbqvP1s2"
            + "+QEtvpuRaV8Yq40gjUR8y2Rjxa6dpG2GXHbPfvMs8ct+Lh1GH45x28Rw3Ry53mm+"
            + "oAXjyQ86OnDkZ5N8lYbggD4O3w6M6pAvLkhk95AndTrifbIFPNU8PPMO7OyrFAHq"
            + "gDsznjPFmTOtCEcN2Z1FpWgchwuYLPL+Wokqltd11nqqzi+bJ9cvSKADYdUAAN5W"
            + "Utzdpiy6LbTgSxP7ociU4Tn0g5I6aDZJ7A8Lzo0KSyZYoA485mqcO0GVAdVw9lq4"
            + "aOT9v6d+nb4bnNkQVklLQ3fVAvJm+xdDOp9LCNCN48V2pnDOkFV6+U9nV5oyc6XI"
            + "2wIDAQAB";
    static final String ECC_P256_PUBLIC_KEY = "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEqIVYZVLCrPZHGHjP17CTW0/+D9Lf"
            + "w0EkjqF7xB4FivAxzic30tMM4GF+hR6Dxh71Z50VGGdldkkDXZCnTNnoXQ==";
    static final String ED25519_PUBLIC_KEY = "MCowBQYDK2VwAyEAJrQLj5P/89iXES9+vFgrIy29clF9CC/oPPsw3c5D0bs=";
    static final String ED25519_PRIVATE_KEY = "MC4CAQAwBQYDK2VwBCIEIJ+DYvh6SEqVTm50DFtMDoQikTmiCqirVv9mWG9qfSnF";
    static final String SHARED_SECRET = "uzvJfB4u3N0Jy4T7NZ75MDVcr8zSTInedJtkgcu46YW4XByzNJjxBdtjUkdJPBtbmHhIDi6pcl8jsasjlTMtDQ==";

    /** RFC 9421 Appendix B.2's {@code test-request}, received over HTTPS. */
    static ApproovRequest testRequest() {
        return ApproovRequest.builder()
                .method("POST")
                .target(URI.create("https://example.com/foo?param=Value&Pet=dog"))
                .header("Host", "example.com")
                .header("Date", "Tue, 20 Apr 2021 02:07:55 GMT")
                .header("Content-Type", "application/json")
                .header("Content-Digest", CONTENT_DIGEST)
                .header("Content-Length", "18")
                .body("{\"hello\": \"world\"}".getBytes(StandardCharsets.US_ASCII))
                .build();
    }

    /** The base of the signature labelled {@code label} in {@code signatureInput}, as the verifier builds it. */
    static String base(ApproovRequest request, String signatureInput, String label) throws Exception {
        StructuredFields.InnerList input = (StructuredFields.InnerList) StructuredFields
                .parseDictionary(signatureInput).get(label);
        String scheme = SignatureBase.normalizeScheme(request.scheme());
        SignatureBase.Outcome outcome = SignatureBase.build(input, request, scheme,
                SignatureBase.normalizeAuthority(scheme, request.authority()));
        assertEquals(null, outcome.failure());
        return outcome.text();
    }

    static PublicKey publicKey(String algorithm, String base64) throws Exception {
        return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }

    static boolean rsaPssSha512Verifies(String base, String signature) throws Exception {
        Signature verifier = Signature.getInstance("RSASSA-PSS");
        verifier.setParameter(new PSSParameterSpec("SHA-512", "MGF1", MGF1ParameterSpec.SHA512, 64, 1));
        verifier.initVerify(publicKey("RSA", RSA_PSS_PUBLIC_KEY));
        verifier.update(base.getBytes(StandardCharsets.US_ASCII));
        return verifier.verify(Base64.getDecoder().decode(signature));
    }

    static boolean ed25519Verifies(String base, String signature) throws Exception {
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(publicKey("Ed25519", ED25519_PUBLIC_KEY));
        verifier.update(base.getBytes(StandardCharsets.US_ASCII));
        return verifier.verify(Base64.getDecoder().decode(signature));
    }

    @Test
    void b21MinimalSignatureCoversOnlyItsParameters() throws Exception {
        String base = base(testRequest(), "sig-b21=();created=1618884473;keyid=\"test-key-rsa-pss\";nonce=\"b3k2pp5k7z-50gnwp.yemd\"",
                "sig-b21");
        assertEquals("\"@signature-params\": ();created=1618884473;keyid=\"test-key-rsa-pss\";nonce=\"b3k2pp5k7z-50gnwp.yemd\"",
                base);
        assertTrue(rsaPssSha512Verifies(base, "d2pmTvmbncD3xQm8E9ZV2828BjQWGgiwAaw5bAkgibUopemLJcWDy/lkbbHAve4cRAtx31Iq786U7"
                + "it++wgGxbtRxf8Udx7zFZsckzXaJMkA7ChG52eSkFxykJeNqsrWH5S+oxNFlD4dzVuwe8DhTSja8xxbR/Z2cOGdCbzR72rgFWhzx"
                + "2VjBqJzsPLMIQKhO4DGezXehhWwE56YCE+O6c0mKZsfxVrogUvA4HELjVKWmAvtl6UnCh8jYzuVG5WSb/QEVPnP5TmcAnLH1g+s++"
                + "v6d4s8m0gCw1fV5/SITLq9mhho8K3+7EPYTU8IU1bLhdxO5Nyt8C8ssinQ98Xw9Q=="));
    }

    @Test
    void b22SelectiveComponentsIncludeANamedQueryParameter() throws Exception {
        String base = base(testRequest(), "sig-b22=(\"@authority\" \"content-digest\" \"@query-param\";name=\"Pet\")"
                + ";created=1618884473;keyid=\"test-key-rsa-pss\";tag=\"header-example\"", "sig-b22");
        assertEquals("\"@authority\": example.com\n"
                + "\"content-digest\": " + CONTENT_DIGEST + "\n"
                + "\"@query-param\";name=\"Pet\": dog\n"
                + "\"@signature-params\": (\"@authority\" \"content-digest\" \"@query-param\";name=\"Pet\")"
                + ";created=1618884473;keyid=\"test-key-rsa-pss\";tag=\"header-example\"", base);
        assertTrue(rsaPssSha512Verifies(base, "LjbtqUbfmvjj5C5kr1Ugj4PmLYvx9wVjZvD9GsTT4F7GrcQEdJzgI9qHxICagShLRiLMlAJjtq6N4"
                + "CDfKtjvuJyE5qH7KT8UCMkSowOB4+ECxCmT8rtAmj/0PIXxi0A0nxKyB09RNrCQibbUjsLS/2YyFYXEu4TRJQzRw1rLEuEfY17SA"
                + "RYhpTlaqwZVtR8NV7+4UKkjqpcAoFqWFQh62s7Cl+H2fjBSpqfZUJcsIk4N6wiKYd4je2U/lankenQ99PZfB4jY3I5rSV2DSBVkSFs"
                + "URIjYErOs0tFTQosMTAoxk//0RoKUqiYY8Bh0aaUEb0rQl3/XaVe4bXTugEjHSw=="));
    }

    @Test
    void b23FullCoverageOfTheTestRequest() throws Exception {
        String base = base(testRequest(), "sig-b23=(\"date\" \"@method\" \"@path\" \"@query\" \"@authority\" \"content-type\""
                + " \"content-digest\" \"content-length\");created=1618884473;keyid=\"test-key-rsa-pss\"", "sig-b23");
        assertEquals("\"date\": Tue, 20 Apr 2021 02:07:55 GMT\n"
                + "\"@method\": POST\n"
                + "\"@path\": /foo\n"
                + "\"@query\": ?param=Value&Pet=dog\n"
                + "\"@authority\": example.com\n"
                + "\"content-type\": application/json\n"
                + "\"content-digest\": " + CONTENT_DIGEST + "\n"
                + "\"content-length\": 18\n"
                + "\"@signature-params\": (\"date\" \"@method\" \"@path\" \"@query\" \"@authority\" \"content-type\""
                + " \"content-digest\" \"content-length\");created=1618884473;keyid=\"test-key-rsa-pss\"", base);
        assertTrue(rsaPssSha512Verifies(base, "bbN8oArOxYoyylQQUU6QYwrTuaxLwjAC9fbY2F6SVWvh0yBiMIRGOnMYwZ/5MR6fb0Kh1rIRASVxF"
                + "keGt683+qRpRRU5p2voTp768ZrCUb38K0fUxN0O0iC59DzYx8DFll5GmydPxSmme9v6ULbMFkl+V5B1TP/yPViV7KsLNmvKiLJH1"
                + "pFkh/aYA2HXXZzNBXmIkoQoLd7YfW91kE9o/CCoC1xMy7JA1ipwvKvfrs65ldmlu9bpG6A9BmzhuzF8Eim5f8ui9eH8LZH896+QIF6"
                + "1ka39VBrohr9iyMUJpvRX2Zbhl5ZJzSRxpJyoEZAFL2FUo5fTIztsDZKEgM4cUA=="));
    }

    @Test
    void b25HmacSha256IsRecomputedByteForByte() throws Exception {
        String base = base(testRequest(), "sig-b25=(\"date\" \"@authority\" \"content-type\");created=1618884473"
                + ";keyid=\"test-shared-secret\"", "sig-b25");
        assertEquals("\"date\": Tue, 20 Apr 2021 02:07:55 GMT\n"
                + "\"@authority\": example.com\n"
                + "\"content-type\": application/json\n"
                + "\"@signature-params\": (\"date\" \"@authority\" \"content-type\");created=1618884473"
                + ";keyid=\"test-shared-secret\"", base);
        Mac hmac = Mac.getInstance("HmacSHA256");
        hmac.init(new SecretKeySpec(Base64.getDecoder().decode(SHARED_SECRET), "HmacSHA256"));
        assertEquals("pxcQw6G3AjtMBQjwo8XzkZf/bws5LelbaMk5rGIGtE8=",
                Base64.getEncoder().encodeToString(hmac.doFinal(base.getBytes(StandardCharsets.US_ASCII))));
    }

    @Test
    void b26Ed25519IsRecomputedByteForByte() throws Exception {
        String base = base(testRequest(), "sig-b26=(\"date\" \"@method\" \"@path\" \"@authority\" \"content-type\""
                + " \"content-length\");created=1618884473;keyid=\"test-key-ed25519\"", "sig-b26");
        assertEquals("\"date\": Tue, 20 Apr 2021 02:07:55 GMT\n"
                + "\"@method\": POST\n"
                + "\"@path\": /foo\n"
                + "\"@authority\": example.com\n"
                + "\"content-type\": application/json\n"
                + "\"content-length\": 18\n"
                + "\"@signature-params\": (\"date\" \"@method\" \"@path\" \"@authority\" \"content-type\""
                + " \"content-length\");created=1618884473;keyid=\"test-key-ed25519\"", base);
        String expected = "wqcAqbmYJ2ji2glfAMaRy4gruYYnx2nEFN2HN6jrnDnQCK1u02Gb04v9EDgwUPiu4A0w6vuQv5lIp5WPpBKRCw==";
        PrivateKey key = KeyFactory.getInstance("Ed25519")
                .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(ED25519_PRIVATE_KEY)));
        Signature signer = Signature.getInstance("Ed25519");
        signer.initSign(key);
        signer.update(base.getBytes(StandardCharsets.US_ASCII));
        assertArrayEquals(Base64.getDecoder().decode(expected), signer.sign());
        assertTrue(ed25519Verifies(base, expected));
    }

    @Test
    void b3ProxySignatureIsEcdsaP256InRawForm() throws Exception {
        String clientCert = ":MIIBqDCCAU6gAwIBAgIBBzAKBggqhkjOPQQDAjA6MRswGQYDVQQKDBJMZXQncyBBdXRoZW50aWNhdGUxGzAZBgNVBAMM"
                + "EkxBIEludGVybWVkaWF0ZSBDQTAeFw0yMDAxMTQyMjU1MzNaFw0yMTAxMjMyMjU1MzNaMA0xCzAJBgNVBAMMAkJDMFkwEwYHKoZIz"
                + "j0CAQYIKoZIzj0DAQcDQgAE8YnXXfaUgmnMtOXU/IncWalRhebrXmckC8vdgJ1p5Be5F/3YC8OthxM4+k1M6aEAEFcGzkJiNy6J84y7"
                + "uzo9M6NyMHAwCQYDVR0TBAIwADAfBgNVHSMEGDAWgBRm3WjLa38lbEYCuiCPct0ZaSED2DAOBgNVHQ8BAf8EBAMCBsAwEwYDVR0lBA"
                + "wwCgYIKwYBBQUHAwIwHQYDVR0RAQH/BBMwEYEPYmRjQGV4YW1wbGUuY29tMAoGCCqGSM49BAMCA0gAMEUCIBHda/r1vaL6G3VliL4/"
                + "Di6YK0Q6bMjeSkC3dFCOOB8TAiEAx/kHSB4urmiZ0NX5r5XarmPk0wmuydBVoU4hBVZ1yhk=:";
        ApproovRequest request = ApproovRequest.builder()
                .method("POST")
                .target(URI.create("https://service.internal.example/foo?param=Value&Pet=dog"))
                .header("Date", "Tue, 20 Apr 2021 02:07:55 GMT")
                .header("Content-Type", "application/json")
                .header("Content-Length", "18")
                .header("Client-Cert", clientCert)
                .build();
        String base = base(request, "ttrp=(\"@path\" \"@query\" \"@method\" \"@authority\" \"client-cert\")"
                + ";created=1618884473;keyid=\"test-key-ecc-p256\"", "ttrp");
        assertEquals("\"@path\": /foo\n"
                + "\"@query\": ?param=Value&Pet=dog\n"
                + "\"@method\": POST\n"
                + "\"@authority\": service.internal.example\n"
                + "\"client-cert\": " + clientCert + "\n"
                + "\"@signature-params\": (\"@path\" \"@query\" \"@method\" \"@authority\" \"client-cert\")"
                + ";created=1618884473;keyid=\"test-key-ecc-p256\"", base);
        Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
        verifier.initVerify(publicKey("EC", ECC_P256_PUBLIC_KEY));
        verifier.update(base.getBytes(StandardCharsets.US_ASCII));
        assertTrue(verifier.verify(Base64.getDecoder().decode(
                "xVMHVpawaAC/0SbHrKRs9i8I3eOs5RtTMGCWXm/9nvZzoHsIg6Mce9315T6xoklyy0yzhD9ah4JHRwMLOgmizw==")));
    }

    /** RFC 9421 Appendix B.4: one Ed25519 signature, checked against transformed copies of its request. */
    @Nested
    class B4Transformations {
        static final String INPUT = "transform=(\"@method\" \"@path\" \"@authority\" \"accept\");created=1618884473"
                + ";keyid=\"test-key-ed25519\"";
        static final String SIGNATURE = "ZT1kooQsEHpZ0I1IjCqtQppOmIqlJPeo7DHR3SoMn0s5JZ1eRGS0A+vyYP9t/LXlh5QMFFQ6cpLt2m0pmj3NDA==";

        boolean verifies(String method, String target, String... acceptLines) throws Exception {
            ApproovRequest.Builder request = ApproovRequest.builder().method(method).target(URI.create(target))
                    .header("Date", "Fri, 15 Jul 2022 14:24:55 GMT");
            for (String accept : acceptLines) {
                request.header("Accept", accept);
            }
            return ed25519Verifies(base(request.build(), INPUT, "transform"), SIGNATURE);
        }

        @Test
        void theOriginalBaseJoinsTheTwoAcceptLines() throws Exception {
            ApproovRequest request = ApproovRequest.builder().method("GET")
                    .target(URI.create("https://example.org/demo?name1=Value1&Name2=value2"))
                    .header("Accept", "application/json").header("Accept", "*/*").build();
            assertEquals("\"@method\": GET\n\"@path\": /demo\n\"@authority\": example.org\n"
                    + "\"accept\": application/json, */*\n"
                    + "\"@signature-params\": (\"@method\" \"@path\" \"@authority\" \"accept\");created=1618884473"
                    + ";keyid=\"test-key-ed25519\"", base(request, INPUT, "transform"));
        }

        @Test
        void uncoveredChangesAndCollapsedLinesKeepItValid() throws Exception {
            assertTrue(verifies("GET", "https://example.org/demo?name1=Value1&Name2=value2", "application/json", "*/*"));
            assertTrue(verifies("GET", "https://example.org/demo?name1=Value1&Name2=value2&param=added",
                    "application/json", "*/*"));
            assertTrue(verifies("GET", "https://example.org/demo?name1=Value1&Name2=value2", "application/json, */*"));
        }

        @Test
        void anotherMethodAuthorityOrAcceptOrderBreaksIt() throws Exception {
            assertFalse(verifies("POST", "https://example.com/demo?name1=Value1&Name2=value2", "application/json", "*/*"));
            assertFalse(verifies("GET", "https://example.org/demo?name1=Value1&Name2=value2", "*/*", "application/json"));
        }
    }

    @Test
    void section21FieldValuesAreTrimmedUnfoldedAndJoined() {
        assertEquals("Leading and trailing whitespace.", SignatureBase.fieldValue(List.of("   Leading and trailing whitespace.  ")));
        assertEquals("Obsolete line folding.", SignatureBase.fieldValue(List.of("Obsolete\r\n    line folding.")));
        assertEquals("max-age=60, must-revalidate", SignatureBase.fieldValue(List.of("max-age=60", "   must-revalidate")));
        assertEquals("a=1,    b=2;x=1;y=2,   c=(a   b   c)",
                SignatureBase.fieldValue(List.of("  a=1,    b=2;x=1;y=2,   c=(a   b   c)")));
        assertEquals("", SignatureBase.fieldValue(List.of(" ")));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "var|this%20is%20a%20big%0Amultiline%20value",
            "bar|with%20plus%20whitespace",
            "fa%C3%A7ade%22%3A%20|something",
            "qux|''",
            "param|value"})
    void section228QueryParametersAreDecodedAsFormsAndEncodedAgain(String name, String value) {
        String query = "param=value&var=this%20is%20a%20big%0Amultiline%20value&bar=with+plus+whitespace"
                + "&fa%C3%A7ade%22%3A%20=something&qux=";
        assertEquals(value, SignatureBase.queryParameter(query, name).text());
    }

    @Test
    void section228ARepeatedOrAbsentQueryParameterCannotBeSigned() {
        assertEquals(ApproovFailure.UNSUPPORTED_MESSAGE_COMPONENT, SignatureBase.queryParameter("a=1&a=2", "a").failure());
        assertEquals(ApproovFailure.MISSING_MESSAGE_COMPONENT, SignatureBase.queryParameter("a=1", "b").failure());
        assertEquals(ApproovFailure.MISSING_MESSAGE_COMPONENT, SignatureBase.queryParameter(null, "a").failure());
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
            "https, Example.COM, example.com",
            "https, example.com:443, example.com",
            "HTTPS, example.com:443, example.com",
            "http, example.com:80, example.com",
            "https, example.com:80, example.com:80",
            "http, example.com:8002, example.com:8002",
            "http, [::1]:8002, [::1]:8002",
            "https, [::1]:443, [::1]",
            "http, [::1], [::1]",
            "https, example.com:, example.com"})
    void section223TheAuthorityIsLowerCaseWithoutTheDefaultPort(String scheme, String authority, String expected) {
        assertEquals(expected, SignatureBase.normalizeAuthority(scheme, authority));
    }
}

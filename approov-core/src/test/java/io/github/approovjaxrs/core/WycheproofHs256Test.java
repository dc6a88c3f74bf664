package io.github.approovjaxrs.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Wycheproof's HS256 JWS vectors against the signature layer (T2–T6 on the header, T5). Their payloads are
 * opaque bytes, not claims, so the claim rules are out of scope here.
 */
class WycheproofHs256Test {

    /** Mislabelled upstream (see the README beside the vectors): their real verdict is the opposite. */
    private static final Set<Long> MISLABELLED = Set.of(367L, 370L, 372L, 373L);

    @Test
    @SuppressWarnings("unchecked")
    void everyVectorGetsItsVerdict() throws Exception {
        Map<String, Object> vectors = StrictJson.parseObject(resource("/wycheproof/json_web_signature_hs256.json"));
        List<String> mismatches = new ArrayList<>();
        int cases = 0;
        int valid = 0;
        for (Object g : (List<Object>) vectors.get("testGroups")) {
            Map<String, Object> group = (Map<String, Object>) g;
            Map<String, Object> key = (Map<String, Object>) group.get("private");
            byte[] secret = Base64.getUrlDecoder().decode((String) key.get("k"));
            ApproovVerifier verifier = ApproovVerifier.create(
                    ApproovConfig.builder().secret(secret).loggingEnabled(false).build());
            for (Object t : (List<Object>) group.get("tests")) {
                Map<String, Object> test = (Map<String, Object>) t;
                long id = (Long) test.get("tcId");
                boolean expectValid = "valid".equals(test.get("result")) ^ MISLABELLED.contains(id);
                ApproovFailure failure = verifier.checkSignatureLayer((String) test.get("jws"));
                cases++;
                valid += expectValid ? 1 : 0;
                if ((failure == null) != expectValid) {
                    mismatches.add("tcId " + id + " (" + test.get("comment") + "): expected "
                            + (expectValid ? "valid" : "invalid") + ", got " + (failure == null ? "valid" : failure));
                }
            }
        }
        assertEquals(40, cases, "all 40 vectors ran");
        assertEquals(List.of(), mismatches);
        assertEquals(10, valid, "valid vectors after correcting the four labels");
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = WycheproofHs256Test.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}

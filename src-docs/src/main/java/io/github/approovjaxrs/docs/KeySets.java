package io.github.approovjaxrs.docs;

import io.github.approovjaxrs.core.ApproovConfig;
import java.nio.file.Path;

/** Keys beyond the one account secret: rotation, public keys, a JWKS file. */
final class KeySets {

    private KeySets() {
    }

    static ApproovConfig rotation(String currentSecret, String nextSecret) {
        // snippet:key-rotation
        ApproovConfig config = ApproovConfig.builder()
                .base64Secret(currentSecret)             // APPROOV_BASE64_SECRET
                .addBase64Secret("next", nextSecret)     // APPROOV_BASE64_SECRETS=next:<base64>
                .build();
        // end-snippet
        return config;
    }

    static ApproovConfig publicKeys(String rsaPublicKeyPem, String ecPublicKeyPem) {
        // snippet:public-keys
        ApproovConfig config = ApproovConfig.builder()
                .addPublicKeyPem("RS256", "rsa-1", rsaPublicKeyPem)   // or "PS256" for RSA-PSS tokens
                .addPublicKeyPem(null, "ec-1", ecPublicKeyPem)        // an EC P-256 key verifies ES256
                .build();
        // end-snippet
        return config;
    }

    static ApproovConfig jwks(Path jwksFile) {
        // snippet:jwks-file
        ApproovConfig config = ApproovConfig.builder()
                .jwksFile(jwksFile)    // APPROOV_JWKS_FILE: read once, at start-up; never fetched
                .build();
        // end-snippet
        return config;
    }
}

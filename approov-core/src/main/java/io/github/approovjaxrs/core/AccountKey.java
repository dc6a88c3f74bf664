package io.github.approovjaxrs.core;

import java.util.Objects;
import javax.crypto.spec.SecretKeySpec;

/**
 * One account message-signing key: the secret Approov delivers to genuine apps on attestation, with which its
 * SDK signs requests under the label {@code account} ({@code hmac-sha256}), and the key id tokens name it by
 * ({@code mskid}), if it has one. Immutable; the secret never reaches a message, a log line or
 * {@link #toString()}: only the id and the size do.
 */
final class AccountKey {

    /** As for the token secret: HMAC-SHA256 with less than 256 bits of key is weaker than its output. */
    static final int MINIMUM_SECRET_BYTES = 32;
    /** Far above any id Approov gives a key; bounds what a configured id can be. */
    static final int MAX_KEY_ID_LENGTH = 256;

    private final String keyId;
    private final SecretKeySpec key;
    private final int size;

    private AccountKey(String keyId, byte[] secret) {
        this.keyId = keyId;
        this.key = new SecretKeySpec(secret, "HmacSHA256");
        this.size = secret.length;
    }

    /**
     * The key {@code secret} (copied) named {@code keyId} (null: no id, so it serves any {@code mskid}).
     *
     * @throws ConfigVariables.Rejected if the secret is shorter than 32 bytes or the id is blank, too long or
     *     not printable ASCII; the refusal goes on from the setting's name and never shows the secret
     */
    static AccountKey of(String keyId, byte[] secret) throws ConfigVariables.Rejected {
        Objects.requireNonNull(secret, "secret");
        if (secret.length < MINIMUM_SECRET_BYTES) {
            throw new ConfigVariables.Rejected(": an account message-signing secret must be at least "
                    + MINIMUM_SECRET_BYTES + " bytes, this one is " + secret.length + " bytes; use the account's"
                    + " message-signing key as the Approov CLI gives it.");
        }
        if (keyId != null && (keyId.isBlank() || keyId.length() > MAX_KEY_ID_LENGTH
                || !keyId.chars().allMatch(c -> c > ' ' && c <= '~'))) {
            throw new ConfigVariables.Rejected(": the key id " + ApproovConfigurationException.quoteSafely(keyId)
                    + " is not 1 to " + MAX_KEY_ID_LENGTH + " printable ASCII characters without spaces.");
        }
        return new AccountKey(keyId, secret.clone());
    }

    /** The id the token's {@code mskid} names this key by; null when it has none. */
    String keyId() {
        return keyId;
    }

    /** The HMAC key, for the per-thread {@code Mac}s of {@link AccountKeys}. */
    SecretKeySpec macKey() {
        return key;
    }

    /** For start-up logs and {@code toString()}: the id (as the redaction rule shows it) and the size. */
    String describe() {
        return "account key " + (keyId == null ? "without id" : "mskid "
                + ApproovConfigurationException.quoteSafely(keyId)) + " (" + size + "-byte secret)";
    }

    @Override
    public String toString() {
        return "AccountKey[" + describe() + "]";
    }
}

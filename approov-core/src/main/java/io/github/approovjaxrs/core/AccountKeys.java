package io.github.approovjaxrs.core;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.ShortBufferException;

/**
 * The configured account message-signing keys and how a token's {@code mskid} chooses among them (rule A2).
 *
 * <p>Selection: an {@code mskid} that names a configured key selects that key alone. Otherwise the keys
 * without an id serve, whatever the {@code mskid} (as Approov's Node quickstart accepts any {@code mskid}
 * when no key id is configured). With no key without an id, a token without {@code mskid} fails as
 * {@link ApproovFailure#MISSING_ACCOUNT_KEY_ID} and one naming another key as
 * {@link ApproovFailure#UNKNOWN_ACCOUNT_KEY_ID}. An {@code mskid} never loads or fetches a key.
 */
final class AccountKeys {

    /** An HMAC-SHA256 is 32 bytes: an account signature of any other length is malformed (rule A4). */
    static final int MAC_BYTES = 32;

    private final List<AccountKey> keys;
    private final Map<String, Integer> byKeyId = new HashMap<>();
    private final List<Integer> withoutId = new ArrayList<>();
    /** SHA-256 of each key: what a single-use request is remembered by, never the key itself. */
    private final byte[][] digests;

    AccountKeys(List<AccountKey> keys) {
        this.keys = List.copyOf(keys);
        this.digests = new byte[this.keys.size()][];
        for (int i = 0; i < this.keys.size(); i++) {
            digests[i] = sha256(this.keys.get(i).macKey().getEncoded());
            String id = this.keys.get(i).keyId();
            if (id == null) {
                withoutId.add(i);
            } else {
                byKeyId.put(id, i);
            }
        }
    }

    /** True when no account key is configured: account signatures are then never required nor checked. */
    boolean isEmpty() {
        return keys.isEmpty();
    }

    /** The keys a token's {@code mskid} (its claim value, null when absent) may be verified with, or why none. */
    Selection select(Object mskid) {
        if (mskid instanceof String id && byKeyId.containsKey(id)) {
            return new Selection(List.of(byKeyId.get(id)), null);
        }
        if (!withoutId.isEmpty()) {
            return new Selection(withoutId, null);
        }
        return new Selection(List.of(), mskid == null ? ApproovFailure.MISSING_ACCOUNT_KEY_ID
                : ApproovFailure.UNKNOWN_ACCOUNT_KEY_ID);
    }

    /**
     * The digest of the key a selection chose (rule R3): the selection is one key, as at most one key serves
     * tokens without a key id of their own.
     */
    byte[] digest(Selection selection) {
        return digests[selection.keys().get(0)];
    }

    private static byte[] sha256(byte[] secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret);
        } catch (GeneralSecurityException unavailable) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", unavailable);
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    /** The positions of the chosen keys, or the failure when there are none. */
    record Selection(List<Integer> keys, ApproovFailure failure) {
    }

    /** Per-thread HMAC objects: {@code Mac} is not thread-safe, and reusing one is cheap. */
    Crypto newCrypto() {
        return new Crypto();
    }

    final class Crypto {
        private final Mac[] macs = new Mac[keys.size()];
        private final byte[] computed = new byte[MAC_BYTES];

        private Crypto() {
            try {
                for (int i = 0; i < macs.length; i++) {
                    macs[i] = Mac.getInstance("HmacSHA256");
                    macs[i].init(keys.get(i).macKey());
                }
            } catch (GeneralSecurityException unavailable) {
                throw new IllegalStateException("HMAC-SHA256 is not available in this JVM", unavailable);
            }
        }

        /**
         * Rule A5: whether {@code signature} is the HMAC-SHA256 of {@code base} with one of the chosen keys,
         * compared in constant time (both are 32 bytes here).
         */
        boolean verifies(Selection selection, String base, byte[] signature) {
            byte[] message = base.getBytes(StandardCharsets.US_ASCII);
            boolean match = false;
            for (int index : selection.keys()) {
                Mac mac = macs[index];
                mac.update(message);
                try {
                    mac.doFinal(computed, 0);
                } catch (ShortBufferException impossible) {
                    throw new IllegalStateException(impossible);
                }
                match |= MessageDigest.isEqual(computed, signature);
            }
            return match;
        }
    }

    /** The keys' ids and sizes for the start-up log; never a secret. */
    List<String> describe() {
        return keys.stream().map(AccountKey::describe).toList();
    }
}

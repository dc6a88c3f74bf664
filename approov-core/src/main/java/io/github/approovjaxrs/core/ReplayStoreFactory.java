package io.github.approovjaxrs.core;

import java.time.Duration;
import java.util.Set;

/**
 * Opens the {@link ReplayStore} that {@code APPROOV_REPLAY_STORE_URL} names: the service a store module (such
 * as {@code approov-replay-redis}) declares in {@code META-INF/services/io.github.approovjaxrs.core.ReplayStoreFactory},
 * which {@link ApproovCheck} finds with {@link java.util.ServiceLoader} by the URL's scheme. So the core needs
 * no store's client library, and an application chooses a store by adding its module and setting the variable.
 * Code that builds its store itself gives it to {@link ApproovCheck.Builder#replayStore} instead.
 */
public interface ReplayStoreFactory {

    /** The URL schemes this factory opens, in lower case, e.g. {@code redis} and {@code rediss}. */
    Set<String> schemes();

    /**
     * The store at {@code url}. Should not wait for the store to answer: a store that is down when the server
     * starts makes single-use requests fail closed until it answers, it does not stop start-up.
     *
     * @param url the variable's value, one of {@link #schemes()}; it may hold a password
     * @param timeout how long a request may wait for the store's answer
     * @throws ApproovConfigurationException when {@code url} cannot name a store, with a message that never
     *     shows the URL's password
     */
    ReplayStore open(String url, Duration timeout);
}

package io.github.approovjaxrs.conformance;

import static io.github.approovjaxrs.conformance.AttackMatrix.container;
import static io.github.approovjaxrs.conformance.AttackMatrix.refused;
import static io.github.approovjaxrs.core.ApproovFailure.MISSING_TOKEN;

import java.util.HashMap;
import java.util.Map;

/**
 * Apache CXF with its Jetty transport, started through the standard {@code SeBootstrap} API like Jersey; only its
 * answers to a few hostile requests differ, because CXF routes and Jetty reads headers otherwise than Jersey on
 * Grizzly.
 */
public class CxfRuntime extends SeBootstrapRuntime {

    @Override
    public String name() {
        return "Apache CXF " + org.apache.cxf.version.Version.getCurrentVersion() + " on Jetty "
                + org.eclipse.jetty.util.Jetty.VERSION;
    }

    /**
     * Jetty refuses a header block over its 8 KB limit with 431 (Grizzly: 400), a 10 KB {@code Approov-Status} among
     * them; CXF routes {@code //methods/protected}
     * to {@code /methods/protected} (Jersey: 404), where the library refuses it; and Jetty's per-connection header
     * cache matches values case-insensitively (Jetty's {@code HttpConfiguration.headerCacheCaseSensitive} is off by
     * default), so on a connection that already carried {@code Authorization: Bearer 0123456789abcdef},
     * {@code bearer 0123456789abcdef} reaches the application, and so the binding check, as the genuine value.
     */
    @Override
    public Map<String, AttackMatrix.Expected> ownAnswers() {
        Map<String, AttackMatrix.Expected> answers = new HashMap<>(AttackMatrix.oversizedHeaderBlocks(container(431)));
        answers.put("size: a 9000-character token (over the verifier's 8192)", container(431));
        answers.put("client status and trace headers: Approov-Status of 10 KB", container(431));
        answers.put("routing: double slash, no token", refused(MISSING_TOKEN));
        answers.put("binding (@ApproovBound): scheme in lower case", AttackMatrix.Expected.ACCEPTED);
        return answers;
    }
}

package io.github.approovjaxrs.conformance;

import static io.github.approovjaxrs.conformance.AttackMatrix.refused;
import static io.github.approovjaxrs.core.ApproovFailure.BINDING_MISMATCH;
import static io.github.approovjaxrs.core.ApproovFailure.MALFORMED_TOKEN;
import static io.github.approovjaxrs.core.ApproovFailure.MISSING_TOKEN;

import java.util.HashMap;
import java.util.Map;

/**
 * RESTEasy with its Undertow server, started through the standard {@code SeBootstrap} API like Jersey; only its
 * answers to a few hostile requests differ, because Undertow reads headers otherwise than Grizzly.
 */
public class ResteasyRuntime extends SeBootstrapRuntime {

    @Override
    public String name() {
        return "RESTEasy " + org.jboss.resteasy.core.ResteasyDeploymentImpl.class.getPackage().getImplementationVersion()
                + " on Undertow";
    }

    /**
     * Undertow accepts a header block of up to 1 MB (Grizzly: 8 KB), so the header-size cases reach the library,
     * which refuses them (a 10 KB {@code Approov-Status} beside no token too: the report is made safe and the request
     * refused for its missing token); and it collapses a run of spaces inside a header value into one before any application
     * code sees it, so "Bearer{two spaces}0123456789abcdef" is the genuine bound value by the time the binding is
     * checked (the application reads the same collapsed value).
     */
    @Override
    public Map<String, AttackMatrix.Expected> ownAnswers() {
        Map<String, AttackMatrix.Expected> answers = new HashMap<>(AttackMatrix.oversizedHeaderBlocks(refused(MALFORMED_TOKEN)));
        answers.put("size: a 100 KB Authorization", refused(BINDING_MISMATCH));
        answers.put("size: a 9000-character token (over the verifier's 8192)", refused(MALFORMED_TOKEN));
        answers.put("client status and trace headers: Approov-Status of 10 KB", refused(MISSING_TOKEN));
        answers.put("binding (@ApproovBound): two spaces after the scheme", AttackMatrix.Expected.ACCEPTED);
        return answers;
    }
}

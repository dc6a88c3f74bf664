package io.github.approovjaxrs.conformance;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * One Quarkus test profile per scenario Quarkus can serve: the scenario's name for {@link ScenarioFeature}. Each
 * profile restarts Quarkus once; the test classes of one profile run together.
 */
final class ScenarioProfiles {

    private ScenarioProfiles() {
    }

    /** The configuration of one scenario's profile. */
    abstract static class ScenarioProfile implements QuarkusTestProfile {
        private final Scenario scenario;

        ScenarioProfile(Scenario scenario) {
            this.scenario = scenario;
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(ScenarioFeature.SCENARIO, scenario.name());
        }
    }

    public static class Enforcing extends ScenarioProfile {
        public Enforcing() {
            super(Scenario.ENFORCING);
        }
    }

    public static class Monitor extends ScenarioProfile {
        public Monitor() {
            super(Scenario.MONITOR);
        }
    }

    public static class BindingMonitor extends ScenarioProfile {
        public BindingMonitor() {
            super(Scenario.BINDING_MONITOR);
        }
    }

    public static class CustomHooks extends ScenarioProfile {
        public CustomHooks() {
            super(Scenario.CUSTOM_HOOKS);
        }
    }

    public static class BrokenHooks extends ScenarioProfile {
        public BrokenHooks() {
            super(Scenario.BROKEN_HOOKS);
        }
    }

    public static class Hardened extends ScenarioProfile {
        public Hardened() {
            super(Scenario.HARDENED);
        }
    }

    public static class HardenedMonitor extends ScenarioProfile {
        public HardenedMonitor() {
            super(Scenario.HARDENED_MONITOR);
        }
    }

    public static class Signed extends ScenarioProfile {
        public Signed() {
            super(Scenario.SIGNED);
        }
    }

    public static class SignedMonitor extends ScenarioProfile {
        public SignedMonitor() {
            super(Scenario.SIGNED_MONITOR);
        }
    }

    public static class Account extends ScenarioProfile {
        public Account() {
            super(Scenario.ACCOUNT);
        }
    }

    public static class AccountMonitor extends ScenarioProfile {
        public AccountMonitor() {
            super(Scenario.ACCOUNT_MONITOR);
        }
    }

    public static class StoreDown extends ScenarioProfile {
        public StoreDown() {
            super(Scenario.STORE_DOWN);
        }
    }

    public static class NamedHeaders extends ScenarioProfile {
        public NamedHeaders() {
            super(Scenario.NAMED_HEADERS);
        }
    }

    public static class ConfiguredHeaders extends ScenarioProfile {
        public ConfiguredHeaders() {
            super(Scenario.CONFIGURED_HEADERS);
        }
    }

    public static class ClientReport extends ScenarioProfile {
        public ClientReport() {
            super(Scenario.CLIENT_REPORT);
        }
    }
}

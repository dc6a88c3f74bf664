package io.github.approovjaxrs.shapes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ExpiryDurationTest {

    @ParameterizedTest
    @CsvSource({
        "30s, 30",
        "10m, 600",
        "2h, 7200",
        "1d, 86400",
        "0s, 0",
        "+45s, 45",
        "-5m, -300",
        "-1d, -86400",
        "3650d, 315360000",
        "-3650d, -315360000",
        "87600h, 315360000",
    })
    void parsesANumberAndAUnit(String text, long seconds) {
        assertEquals(Duration.ofSeconds(seconds), ExpiryDuration.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1", "h", "1H", "1 h", " 1h", "1h ", "1.5h", "1h30m", "1w", "--1h", "+-1h", "1e3s",
        "٣s", "PT1H"})
    void refusesAnythingElse(String text) {
        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class, () -> ExpiryDuration.parse(text));
        assertTrue(thrown.getMessage().contains("e.g. 30s, 10m, 2h, 1d"), thrown.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"3651d", "-3651d", "87601h", "315360001s", "9999999999s", "9999999999d"})
    void refusesMoreThanTenYears(String text) {
        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class, () -> ExpiryDuration.parse(text));
        assertTrue(thrown.getMessage().contains("at most 3650d"), thrown.getMessage());
    }

    @Test
    void theLimitKeepsAnExpiredTokensExpAfter1970() {
        assertTrue(ExpiryDuration.LIMIT.toSeconds() < java.time.Instant.parse("2020-01-01T00:00:00Z").getEpochSecond());
    }
}

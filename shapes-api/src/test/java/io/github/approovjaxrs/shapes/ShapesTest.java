package io.github.approovjaxrs.shapes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class ShapesTest {

    /** Every answer, over 1000 draws; missing one of four by chance has odds of about 4 × 0.75^1000. */
    static Set<String> answers(Supplier<String> draw) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            seen.add(draw.get());
        }
        return seen;
    }

    @Test
    void shapesAreDrawnFromAllFour() {
        assertEquals(Set.of("{\"shape\":\"Circle\"}", "{\"shape\":\"Triangle\"}", "{\"shape\":\"Square\"}",
                "{\"shape\":\"Rectangle\"}"), answers(Shapes::randomShape));
    }

    @Test
    void formsAreDrawnFromAllFour() {
        assertEquals(Set.of("{\"form\":\"Sphere\"}", "{\"form\":\"Cone\"}", "{\"form\":\"Cube\"}",
                "{\"form\":\"Box\"}"), answers(Shapes::randomForm));
    }
}

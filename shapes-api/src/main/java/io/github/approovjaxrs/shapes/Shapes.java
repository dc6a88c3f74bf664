package io.github.approovjaxrs.shapes;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** The answers of the Shapes API, as the servers of Approov's walkthroughs give them. */
final class Shapes {

    static final List<String> SHAPES = List.of("Circle", "Triangle", "Square", "Rectangle");
    static final List<String> FORMS = List.of("Sphere", "Cone", "Cube", "Box");

    private Shapes() {
    }

    static String hello() {
        return "{\"text\":\"Hello, World!\"}";
    }

    static String randomShape() {
        return "{\"shape\":\"" + randomOf(SHAPES) + "\"}";
    }

    /** A random shape and a body size, the answer of {@code POST /v5/shapes}. */
    static String shapeWithBytes(long bytes) {
        return "{\"shape\":\"" + randomOf(SHAPES) + "\",\"bytes\":" + bytes + "}";
    }

    /** An order of a random shape taken, with the size of the order's body: the answer of {@code POST /v5/orders}. */
    static String orderWithBytes(long bytes) {
        return "{\"ordered\":\"" + randomOf(SHAPES) + "\",\"bytes\":" + bytes + "}";
    }

    static String randomForm() {
        return "{\"form\":\"" + randomOf(FORMS) + "\"}";
    }

    private static String randomOf(List<String> names) {
        return names.get(ThreadLocalRandom.current().nextInt(names.size()));
    }
}

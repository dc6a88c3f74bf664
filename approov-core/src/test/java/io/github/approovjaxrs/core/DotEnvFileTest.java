package io.github.approovjaxrs.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DotEnvFileTest {

    @TempDir
    Path dir;

    Path write(String text) throws IOException {
        Path file = dir.resolve(".env");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void readsTheFormatsApproovQuickstartsUse() throws IOException {
        Map<String, String> env = DotEnvFile.read(write(String.join("\n",
                "# Approov settings",
                "",
                "APPROOV_BASE64_SECRET=h+CX0tOzdAAR9l15bWAqvq7w9olk66daIH+Xk+IAHhVVHszjDzeGobzNnqyRze3lw/WVyWrc2gZfh3XXfBOmww==",
                "export HTTP_PORT = 8002 ",
                "APPROOV_TOKEN_HEADER_NAME=Approov-Token # the default",
                "SINGLE='kept # as is'",
                "DOUBLE=\"a \\\"quoted\\\" value\\nline two\" # comment",
                "EMPTY=",
                "WITH_EQUALS=a=b")));
        assertEquals("h+CX0tOzdAAR9l15bWAqvq7w9olk66daIH+Xk+IAHhVVHszjDzeGobzNnqyRze3lw/WVyWrc2gZfh3XXfBOmww==",
                env.get("APPROOV_BASE64_SECRET"));
        assertEquals("8002", env.get("HTTP_PORT"));
        assertEquals("Approov-Token", env.get("APPROOV_TOKEN_HEADER_NAME"));
        assertEquals("kept # as is", env.get("SINGLE"));
        assertEquals("a \"quoted\" value\nline two", env.get("DOUBLE"));
        assertEquals("", env.get("EMPTY"));
        assertEquals("a=b", env.get("WITH_EQUALS"));
    }

    @Test
    void missingFileIsEmpty() {
        assertTrue(DotEnvFile.read(dir.resolve("absent")).isEmpty());
    }

    @Test
    void malformedLineNamesFileAndLineButNeverItsText() throws IOException {
        String secret = "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3JldA==";
        for (String bad : new String[] {"APPROOV_BASE64_SECRET " + secret, "=" + secret, "1X=" + secret,
            "APPROOV_BASE64_SECRET='" + secret, "APPROOV_BASE64_SECRET=\"" + secret, "A B=" + secret}) {
            Path file = write("OK=1\n" + bad + "\n");
            ApproovConfigurationException e = assertThrows(ApproovConfigurationException.class,
                    () -> DotEnvFile.read(file), bad);
            assertTrue(e.getMessage().contains("line 2"), e.getMessage());
            assertFalse(e.getMessage().contains(secret), e.getMessage());
        }
    }
}

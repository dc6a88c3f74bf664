package io.github.approovjaxrs.core;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a {@code .env} file of {@code NAME=value} lines, as Approov's quickstarts ship one.
 *
 * <p>Hand-written rather than a dependency: the format needed is a dozen lines, and owning them means no
 * error message can ever echo a line (which may hold the secret). Supported: blank lines, {@code #}
 * comments, an optional {@code export } prefix, unquoted values (trimmed; a {@code " #"} starts a comment),
 * single-quoted values (literal) and double-quoted values (with {@code \"}, {@code \\} and {@code \n}).
 */
final class DotEnvFile {

    private DotEnvFile() {
    }

    /** The variables in {@code file}; empty when the file does not exist. */
    static Map<String, String> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException absent) {
            return Map.of();
        } catch (CharacterCodingException notUtf8) {
            throw new ApproovConfigurationException(file + " is not UTF-8 text; save it as UTF-8.");
        } catch (IOException unreadable) {
            throw new ApproovConfigurationException(
                    file + " exists but cannot be read (" + unreadable.getClass().getSimpleName()
                            + "); fix its permissions or remove it.");
        }
        Map<String, String> variables = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            parseLine(lines.get(i), file, i + 1, variables);
        }
        return variables;
    }

    private static void parseLine(String raw, Path file, int lineNumber, Map<String, String> into) {
        String line = raw.strip();
        if (line.isEmpty() || line.startsWith("#")) {
            return;
        }
        if (line.startsWith("export ")) {
            line = line.substring("export ".length()).stripLeading();
        }
        int equals = line.indexOf('=');
        String name = equals < 0 ? "" : line.substring(0, equals).strip();
        if (!isVariableName(name)) {
            throw malformed(file, lineNumber, "expected NAME=value");
        }
        String value = line.substring(equals + 1).strip();
        into.put(name, unquote(value, file, lineNumber));
    }

    private static String unquote(String value, Path file, int lineNumber) {
        if (value.startsWith("'")) {
            int close = value.indexOf('\'', 1);
            if (close < 0 || !isCommentOrNothing(value.substring(close + 1))) {
                throw malformed(file, lineNumber, "unterminated single-quoted value");
            }
            return value.substring(1, close);
        }
        if (value.startsWith("\"")) {
            StringBuilder out = new StringBuilder();
            for (int i = 1; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == '"') {
                    if (!isCommentOrNothing(value.substring(i + 1))) {
                        break;
                    }
                    return out.toString();
                }
                if (c == '\\' && i + 1 < value.length()) {
                    char escaped = value.charAt(++i);
                    out.append(escaped == 'n' ? '\n' : escaped);
                } else {
                    out.append(c);
                }
            }
            throw malformed(file, lineNumber, "unterminated double-quoted value");
        }
        int comment = value.indexOf(" #");
        return comment < 0 ? value : value.substring(0, comment).stripTrailing();
    }

    private static boolean isCommentOrNothing(String rest) {
        String trimmed = rest.strip();
        return trimmed.isEmpty() || trimmed.startsWith("#");
    }

    private static boolean isVariableName(String name) {
        if (name.isEmpty() || Character.isDigit(name.charAt(0))) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
                return false;
            }
        }
        return true;
    }

    /** Names the file and line only: the line itself may hold a secret. */
    private static ApproovConfigurationException malformed(Path file, int lineNumber, String what) {
        return new ApproovConfigurationException(
                file + " line " + lineNumber + " is malformed (" + what + "); write it as NAME=value.");
    }
}

package io.acrlifecycle.engine.guard.schedule;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a task step's command line into words the way the shell-like runner of ACR Tasks does for {@code cmd}:
 * whitespace (including newlines of folded YAML) separates words, single quotes are literal, double quotes allow
 * {@code \"} and {@code \\}, a backslash outside quotes escapes the next character and a backslash before a newline
 * continues the line.
 */
final class ShellWords {

    private ShellWords() {
    }

    static List<String> split(final String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '\'') {
                int end = line.indexOf('\'', i + 1);
                if (end < 0) {
                    throw new IllegalArgumentException("cmd: unterminated single quote at position " + i);
                }
                word.append(line, i + 1, end);
                inWord = true;
                i = end + 1;
            } else if (c == '"') {
                i = doubleQuoted(line, i + 1, word);
                inWord = true;
            } else if (c == '\\') {
                if (i + 1 < line.length() && line.charAt(i + 1) != '\n' && line.charAt(i + 1) != '\r') {
                    word.append(line.charAt(i + 1));
                    inWord = true;
                }
                i += 2; // a backslash-newline is a continuation: both characters vanish
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
                i++;
            } else {
                word.append(c);
                inWord = true;
                i++;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    private static int doubleQuoted(final String line, final int start, final StringBuilder word) {
        int i = start;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '"') {
                return i + 1;
            }
            if (c == '\\' && i + 1 < line.length() && "\"\\$`".indexOf(line.charAt(i + 1)) >= 0) {
                word.append(line.charAt(i + 1));
                i += 2;
            } else {
                word.append(c);
                i++;
            }
        }
        throw new IllegalArgumentException("cmd: unterminated double quote at position " + (start - 1));
    }
}

package dev.clockwork.trigger;

import java.util.ArrayList;
import java.util.List;

/**
 * One whitespace-separated word of trigger text and where it starts, so that errors can point at it.
 *
 * @param text the word as typed
 * @param column its 1-based column in the whole trigger text
 */
record Word(String text, int column) {

    /** Splits {@code text} from index {@code from} (0-based) into words, keeping their columns in the whole text. */
    static List<Word> split(String text, int from) {
        List<Word> words = new ArrayList<>();
        int i = from;
        while (i < text.length()) {
            if (Character.isWhitespace(text.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            while (i < text.length() && !Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            words.add(new Word(text.substring(start, i), start + 1));
        }
        return words;
    }

    /** True when this word is {@code keyword}, ignoring case. */
    boolean is(String keyword) {
        return text.equalsIgnoreCase(keyword);
    }
}

package io.yagura.templates;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A value that prints as one text and can also be listed item by item: a list of addresses
 * ({@code ${attackers}} prints "a, b"; {@code <#list attackers as a>} goes through them), or a
 * text of several lines (prints as it is; its items are its non-empty lines). When there is
 * nothing to print it prints {@code whenEmpty} (e.g. "(none)"), so an empty value is never a
 * silent blank. {@code bullets(x)} and {@code numbered(x)} in a template print the items one a line.
 *
 * @param text      what {@code ${value}} prints
 * @param items     the items, never blank
 * @param whenEmpty printed when there are no items
 */
public record TextItems(String text, List<String> items, String whenEmpty) {

    public TextItems {
        Objects.requireNonNull(text, "text");
        items = List.copyOf(items);
        Objects.requireNonNull(whenEmpty, "whenEmpty");
    }

    /** Items joined with ", " (blank items dropped, each trimmed). */
    public static TextItems of(List<?> values, String whenEmpty) {
        List<String> items = new ArrayList<>();
        if (values != null) {
            for (Object o : values) {
                if (o != null && !o.toString().isBlank()) {
                    items.add(o.toString().trim());
                }
            }
        }
        return new TextItems(items.isEmpty() ? whenEmpty : String.join(", ", items), items, whenEmpty);
    }

    /** A text printed as it is (without surrounding blanks); its items are its non-empty lines. */
    public static TextItems lines(String text, String whenEmpty) {
        if (text == null || text.isBlank()) {
            return new TextItems(whenEmpty, List.of(), whenEmpty);
        }
        String stripped = text.strip();
        return new TextItems(stripped, stripped.lines().map(String::strip).filter(l -> !l.isEmpty()).toList(),
                whenEmpty);
    }

    /** The text (for a model read outside a template). */
    @Override
    public String toString() {
        return text;
    }
}

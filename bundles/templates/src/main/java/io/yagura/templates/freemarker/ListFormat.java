package io.yagura.templates.freemarker;

import freemarker.template.TemplateMethodModelEx;
import freemarker.template.TemplateModel;
import freemarker.template.TemplateModelException;
import freemarker.template.TemplateScalarModel;
import freemarker.template.TemplateSequenceModel;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * {@code bullets(x)} ("- item" a line) and {@code numbered(x)} ("1. item" a line) for text
 * templates: x is a list, a {@link io.yagura.templates.TextItems} (empty: its "none" text) or a
 * text (one item per non-empty line).
 */
final class ListFormat implements TemplateMethodModelEx {

    static final ListFormat BULLETS = new ListFormat("bullets", n -> "- ");
    static final ListFormat NUMBERED = new ListFormat("numbered", n -> (n + 1) + ". ");

    private final String name;
    private final IntFunction<String> marker;

    private ListFormat(String name, IntFunction<String> marker) {
        this.name = name;
        this.marker = marker;
    }

    @Override
    public Object exec(@SuppressWarnings("rawtypes") List arguments) throws TemplateModelException {
        if (arguments.size() != 1) {
            throw new TemplateModelException(name + "(...) takes one value, got " + arguments.size());
        }
        Object argument = arguments.get(0);
        List<String> items = items(argument);
        if (items.isEmpty()) {
            return argument instanceof TextItemsModel t ? t.value.whenEmpty() : "";
        }
        StringBuilder sb = new StringBuilder();
        for (int n = 0; n < items.size(); n++) {
            sb.append(n == 0 ? "" : "\n").append(marker.apply(n)).append(items.get(n));
        }
        return sb.toString();
    }

    private List<String> items(Object argument) throws TemplateModelException {
        if (argument instanceof TextItemsModel t) {
            return t.value.items();
        }
        List<String> items = new ArrayList<>();
        if (argument instanceof TemplateSequenceModel seq) {
            for (int i = 0; i < seq.size(); i++) {
                TemplateModel m = seq.get(i);
                if (m instanceof TemplateScalarModel s && !s.getAsString().isBlank()) {
                    items.add(s.getAsString().trim());
                }
            }
        } else if (argument instanceof TemplateScalarModel s) {
            s.getAsString().lines().map(String::strip).filter(l -> !l.isEmpty()).forEach(items::add);
        } else {
            throw new TemplateModelException(name + "(...) takes a list or a text");
        }
        return items;
    }
}

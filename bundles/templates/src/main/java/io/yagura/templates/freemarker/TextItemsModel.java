package io.yagura.templates.freemarker;

import freemarker.template.SimpleScalar;
import freemarker.template.TemplateModel;
import freemarker.template.TemplateScalarModel;
import freemarker.template.TemplateSequenceModel;
import io.yagura.templates.TextItems;

/** {@link TextItems} as FreeMarker sees it: a string ({@code ${x}}) and a sequence ({@code <#list x as i>}) at once. */
final class TextItemsModel implements TemplateScalarModel, TemplateSequenceModel {

    final TextItems value;

    TextItemsModel(TextItems value) {
        this.value = value;
    }

    @Override
    public String getAsString() {
        return value.text();
    }

    @Override
    public TemplateModel get(int index) {
        return index < 0 || index >= value.items().size() ? null : new SimpleScalar(value.items().get(index));
    }

    @Override
    public int size() {
        return value.items().size();
    }
}

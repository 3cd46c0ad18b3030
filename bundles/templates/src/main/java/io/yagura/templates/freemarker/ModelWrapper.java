package io.yagura.templates.freemarker;

import freemarker.template.Configuration;
import freemarker.template.SimpleObjectWrapper;
import freemarker.template.TemplateModel;
import freemarker.template.TemplateModelException;
import io.yagura.templates.TextItems;

/**
 * Lets templates see strings, numbers, booleans, dates, lists, maps and {@link TextItems}, and
 * nothing else: any other Java object in a model is an error, not a door to its methods.
 */
final class ModelWrapper extends SimpleObjectWrapper {

    ModelWrapper() {
        super(Configuration.VERSION_2_3_34);
    }

    @Override
    public TemplateModel wrap(Object obj) throws TemplateModelException {
        return obj instanceof TextItems t ? new TextItemsModel(t) : super.wrap(obj);
    }
}

package io.yagura.templates.freemarker;

import io.yagura.api.KarafEtc;
import io.yagura.templates.TemplateCatalogue;
import io.yagura.templates.TemplateService;
import io.yagura.templates.TemplateSet;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentSkipListMap;
import org.apache.karaf.scheduler.Scheduler;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link TemplateService}: FreeMarker catalogues over one operator directory, checked for
 * changed files by the Karaf Scheduler job "yagura-templates-reload" (the platform's one
 * mechanism for periodic work). Usable without OSGi: {@code new FreemarkerTemplates(dir)}.
 *
 * <p>A new configuration restarts the component; the owners of catalogues (mail...) then open
 * theirs again, since they hold a reference to this service.
 */
@Component(service = TemplateService.class, configurationPid = "io.yagura.templates")
@Designate(ocd = TemplatesConfig.class)
public class FreemarkerTemplates implements TemplateService {

    static final String RELOAD_JOB = "yagura-templates-reload";
    private static final Logger LOG = LoggerFactory.getLogger(FreemarkerTemplates.class);

    /** Greedy: a scheduler that starts after this component restarts it, so changes are checked again. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.STATIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private Scheduler scheduler;

    private final Map<String, FreemarkerCatalogue> catalogues = new ConcurrentSkipListMap<>();
    private volatile Path directory;

    /** For the component runtime. */
    public FreemarkerTemplates() {
    }

    /** Outside OSGi (tests, tools): catalogues over {@code directory}, reloaded by {@link #reloadChanged()}. */
    public FreemarkerTemplates(Path directory) {
        this.directory = Objects.requireNonNull(directory, "directory");
    }

    @Activate
    void activate(TemplatesConfig config) {
        directory = directory(config.dir());
        if (scheduler != null && config.reload_checkSeconds() > 0) {
            try {
                scheduler.schedule((Runnable) this::reloadChanged, scheduler.NOW(-1, config.reload_checkSeconds())
                        .name(RELOAD_JOB).canRunConcurrently(false));
            } catch (Exception e) {
                LOG.error("Templates are not checked for changes (yagura:templates --reload still works): {}",
                        e.toString());
            }
        }
        LOG.info("Operator templates in {}, checked for changes {}", directory, config.reload_checkSeconds() > 0
                ? "every " + config.reload_checkSeconds() + " s" : "only on yagura:templates --reload");
    }

    @Deactivate
    void deactivate() {
        if (scheduler != null) {
            scheduler.unschedule(RELOAD_JOB);
        }
        catalogues.clear();
    }

    /** The directory a configuration names, with {@code ${karaf.etc}} replaced when Config Admin left it. */
    static Path directory(String configured) {
        return KarafEtc.resolve(configured);
    }

    @Override
    public TemplateCatalogue open(TemplateSet set) {
        FreemarkerCatalogue c = new FreemarkerCatalogue(set, directory);
        catalogues.put(set.area(), c);
        return c;
    }

    @Override
    public void close(String area) {
        catalogues.remove(area);
    }

    @Override
    public List<TemplateCatalogue> catalogues() {
        return List.copyOf(catalogues.values());
    }

    @Override
    public List<TemplateCatalogue> reloadChanged() {
        List<TemplateCatalogue> reloaded = new ArrayList<>();
        for (FreemarkerCatalogue c : catalogues.values()) {
            if (c.changed()) {
                LOG.info("Templates of {} changed in {}: reloading", c.area(), directory);
                c.reload();
                reloaded.add(c);
            }
        }
        return reloaded;
    }

    @Override
    public Path directory() {
        return directory;
    }
}

package io.yagura.archive;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Yagura event archive",
        description = "Where normalized events are archived, for how long, and how much disk they may take")
public @interface ArchiveConfig {

    @AttributeDefinition(description = "Directory of the archive. Empty: ${karaf.data}/yagura/archive")
    String directory() default "";

    @AttributeDefinition(description = "Days an event is kept (counted from when it was received, to the hour)")
    int retention_days() default 30;

    @AttributeDefinition(description = "Most megabytes the archive may take; beyond it the oldest hours are deleted")
    long max_size_mb() default 10240;

    @AttributeDefinition(description = "Seconds between two runs of the retention job (and closing of finished hours)")
    int housekeeping_seconds() default 300;

    @AttributeDefinition(description = "Force every batch to disk before the broker message is acknowledged")
    boolean sync_writes() default true;

    @AttributeDefinition(description = "Most archive files open for writing at once (customers x hours being written)")
    int max_open_files() default 256;
}

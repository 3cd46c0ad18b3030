package io.yagura.pull;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Yagura pull scheduling",
        description = "Polling of the devices whose vendor plugin offers a pull connector (Cisco IPS over SDEE)")
public @interface PullConfig {

    @AttributeDefinition(description = "Poll every device with a management endpoint whose vendor plugin can pull; false stops all polling")
    boolean enabled() default true;

    @AttributeDefinition(description = "Seconds between polls of a device whose management endpoint sets no poll interval")
    int default_poll_interval_s() default 30;

    @AttributeDefinition(description = "Seconds between two looks at the device registry for added, changed or removed devices")
    int refresh_interval_s() default 30;

    @AttributeDefinition(description = "Batches read in one run when the device says it holds more (the run then ends and the next waits its interval)")
    int max_batches_per_run() default 20;

    @AttributeDefinition(description = "Polls failed in a row after which a device is declared silent (logged once)")
    int silent_after_failures() default 3;

    @AttributeDefinition(description = "Minutes without any record after which a device is declared silent (logged once); 0: never for this reason")
    int silent_after_minutes() default 120;

    @AttributeDefinition(description = "The cursor file of earlier versions, moved once into the database at start and renamed "
            + "*.migrated (the cursors are in the database now). Empty: ${karaf.data}/yagura/pull-cursors.properties")
    String cursor_file() default "";

    @AttributeDefinition(description = "The one queue every record goes to, whatever the device's vendor. Empty: the vendor's "
            + "raw queue yagura.raw.<vendor> (the centre). A customer-site agent sets its forward queue, yagura.raw.unknown, "
            + "and the centre attributes the records by their source address (docs/agent.md)")
    String queue() default "";
}

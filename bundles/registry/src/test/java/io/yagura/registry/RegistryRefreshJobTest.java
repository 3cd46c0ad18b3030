package io.yagura.registry;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yagura.api.registry.Customer;
import java.lang.annotation.Annotation;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.karaf.scheduler.core.QuartzScheduler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The refresh job "yagura-registry-refresh" on the real Karaf Scheduler (Quartz), without OSGi. */
class RegistryRefreshJobTest {

    /** Jobs in memory, as Karaf's scheduler feature keeps them. */
    final QuartzScheduler quartz = new QuartzScheduler(quartz(2));

    @AfterEach
    void stopTheScheduler() {
        quartz.deactivate();
    }

    /** The shared database as another node sees it; every revision check is one permit. */
    static final class WatchedRepository extends MemoryRegistryRepository {
        final Semaphore checks = new Semaphore(0);

        @Override
        public synchronized long revision() {
            checks.release();
            return super.revision();
        }
    }

    @Test
    void changesMadeOnAnotherNodeAreTakenAtEachPeriodUntilDeactivated() throws Exception {
        WatchedRepository repository = new WatchedRepository();
        DeviceRegistryService registry = new DeviceRegistryService(repository);
        registry.scheduler = quartz;
        registry.activate(config(1));
        try {
            assertTrue(quartz.getJobs().containsKey("yagura-registry-refresh"), quartz.getJobs().keySet()::toString);
            assertTrue(repository.checks.tryAcquire(10, TimeUnit.SECONDS), "the job checked the revision");

            repository.changeElsewhere(new Customer("globex", "Globex", List.of()));
            // two more checks: the run that reloads, and a later one, which starts only once that run is over
            assertTrue(repository.checks.tryAcquire(2, 10, TimeUnit.SECONDS), "checked again at its period");
            assertTrue(registry.customer("globex").isPresent(), "the other node's customer is seen");

            repository.changeElsewhere(new Customer("initech", "Initech", List.of()));
            assertTrue(repository.checks.tryAcquire(2, 10, TimeUnit.SECONDS), "and again");
            assertTrue(registry.customer("initech").isPresent(), "the next change too");
        } finally {
            registry.deactivate();
        }
        assertFalse(quartz.getJobs().containsKey("yagura-registry-refresh"), "removed on deactivate");
    }

    private static DeviceRegistryService.Config config(int refreshSeconds) {
        return new DeviceRegistryService.Config() {
            @Override
            public String seedFile() {
                return ""; // no seeding: the repository is the test's
            }

            @Override
            public int refreshSeconds() {
                return refreshSeconds;
            }

            @Override
            public Class<? extends Annotation> annotationType() {
                return DeviceRegistryService.Config.class;
            }
        };
    }

    private static Properties quartz(int threads) {
        Properties p = new Properties();
        p.put("org.quartz.threadPool.threadCount", Integer.toString(threads));
        return p;
    }
}

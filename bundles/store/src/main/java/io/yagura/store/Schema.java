package io.yagura.store;

import java.sql.Connection;
import javax.sql.DataSource;
import liquibase.Liquibase;
import liquibase.Scope;
import liquibase.UpdateSummaryOutputEnum;
import liquibase.ui.LoggerUIService;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;

/**
 * Brings the database schema up to date with Liquibase: applies the change sets of
 * {@code db/changelog.yaml} not yet applied, in order, under Liquibase's lock (so two nodes
 * starting together do not both migrate).
 */
final class Schema {

    static final String CHANGELOG = "io/yagura/store/db/changelog.yaml";

    private Schema() {
    }

    /** DataSources already migrated by this bundle: the incident store and the registry both ask. */
    private static final java.util.Set<DataSource> MIGRATED =
            java.util.Collections.newSetFromMap(new java.util.WeakHashMap<>());

    static synchronized void migrate(DataSource dataSource) throws Exception {
        if (MIGRATED.contains(dataSource)) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            Database database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c));
            // The changelog is a resource of this bundle: read it through this bundle's class loader.
            try (Liquibase liquibase = new Liquibase(CHANGELOG, new ClassLoaderResourceAccessor(Schema.class.getClassLoader()),
                    database)) {
                // Progress and the update summary go to the log, not to the operator's console.
                liquibase.setShowSummaryOutput(UpdateSummaryOutputEnum.LOG);
                Scope.child(Scope.Attr.ui.name(), new LoggerUIService(), () -> liquibase.update(""));
            }
        }
        MIGRATED.add(dataSource);
    }
}

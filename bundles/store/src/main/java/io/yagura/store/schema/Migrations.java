package io.yagura.store.schema;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collections;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import javax.sql.DataSource;
import liquibase.Liquibase;
import liquibase.Scope;
import liquibase.UpdateSummaryOutputEnum;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.ui.LoggerUIService;

/**
 * Brings a database up to date with a Liquibase changelog: applies its change sets not yet applied,
 * in order, under Liquibase's lock (so two nodes starting together do not both migrate). The store
 * migrates its own tables so; the portal, advisory and report bundles pass their changelogs (distinct
 * files, change set ids and authors; all are recorded in the one DATABASECHANGELOG).
 */
public final class Migrations {

    /** Per DataSource, the changelogs already applied by this JVM: several components ask for one. */
    private static final Map<DataSource, Set<String>> MIGRATED = Collections.synchronizedMap(new WeakHashMap<>());

    private Migrations() {
    }

    /**
     * Applies the changelog, a resource of {@code loader} (the calling bundle's class loader, so that
     * each bundle's changelog is read from that bundle), once per DataSource and changelog.
     *
     * @throws SQLException when the database cannot be reached or a change set fails
     */
    public static synchronized void migrate(DataSource dataSource, String changelog, ClassLoader loader)
            throws SQLException {
        Set<String> done = MIGRATED.computeIfAbsent(dataSource, d -> new HashSet<>());
        if (done.contains(changelog)) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            Database database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c));
            try (Liquibase liquibase = new Liquibase(changelog, new ClassLoaderResourceAccessor(loader), database)) {
                // Progress and the update summary go to the log, not to the operator's console.
                liquibase.setShowSummaryOutput(UpdateSummaryOutputEnum.LOG);
                Scope.child(Scope.Attr.ui.name(), new LoggerUIService(), () -> liquibase.update(""));
            }
        } catch (SQLException e) {
            throw e;
        } catch (Exception e) {
            throw new SQLException("cannot apply " + changelog + ": " + e.getMessage(), e);
        }
        done.add(changelog);
    }
}

package io.yagura.store;

import io.yagura.store.schema.Migrations;
import javax.sql.DataSource;

/**
 * Brings the store's schema up to date with Liquibase ({@link Migrations}): the change sets of
 * {@code db/changelog.yaml}, a resource of this bundle.
 */
final class Schema {

    static final String CHANGELOG = "io/yagura/store/db/changelog.yaml";

    private Schema() {
    }

    static void migrate(DataSource dataSource) throws Exception {
        Migrations.migrate(dataSource, CHANGELOG, Schema.class.getClassLoader());
    }
}

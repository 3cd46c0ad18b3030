package io.yagura.portal.account;

import io.yagura.store.schema.Migrations;
import java.sql.SQLException;
import javax.sql.DataSource;

/** The portal's tables (accounts, sign-in links, sessions): its Liquibase changelog, a resource of this bundle. */
final class PortalSchema {

    static final String CHANGELOG = "io/yagura/portal/db/changelog.yaml";

    private PortalSchema() {
    }

    /** Brings the portal's tables up to date; the accounts and the sessions both ask, the first applies. */
    static void migrate(DataSource dataSource) throws SQLException {
        Migrations.migrate(dataSource, CHANGELOG, PortalSchema.class.getClassLoader());
    }
}

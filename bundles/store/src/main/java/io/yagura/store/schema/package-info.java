/**
 * Liquibase migrations of the Yagura database for the bundles that keep tables of their own in it:
 * each bundle passes its own changelog, read through its own class loader; Liquibase itself stays
 * inside the store bundle.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.yagura.store.schema;

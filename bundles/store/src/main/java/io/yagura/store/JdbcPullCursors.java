package io.yagura.store;

import io.yagura.api.ingest.PullCursors;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@link PullCursors} in the table pull_cursor, shared by the nodes of one database: the node that
 * takes the duty pull over reads each device on from the cursor the previous holder stored. Every
 * call is one statement on its own connection (auto-commit), so a cursor is durable when
 * {@link #put} returns; nothing is cached, since another node may have moved it.
 */
@Component(service = PullCursors.class, immediate = true)
public class JdbcPullCursors implements PullCursors {

    /** SDEE cursors are an event id and a time; far below the column's width. */
    static final int MAX_LENGTH = 4000;

    private final DataSource dataSource;

    @Activate
    public JdbcPullCursors(@Reference(target = "(dataSourceName=yagura)") DataSource dataSource) throws Exception {
        this.dataSource = dataSource;
        Schema.migrate(dataSource);
    }

    @Override
    public String get(String deviceId) {
        List<String> found = Statements.query(dataSource, "SELECT cursor_value FROM pull_cursor WHERE device_id=?",
                ps -> ps.setString(1, deviceId), rs -> rs.getString(1));
        return found.isEmpty() ? null : found.get(0);
    }

    @Override
    public void put(String deviceId, String cursor) throws IOException {
        if (cursor == null) {
            remove(deviceId);
            return;
        }
        if (cursor.length() > MAX_LENGTH) {
            throw new IOException("the cursor of device " + deviceId + " is " + cursor.length()
                    + " characters long, more than the " + MAX_LENGTH + " pull_cursor keeps");
        }
        try (Connection c = dataSource.getConnection()) {
            if (update(c, deviceId, cursor) == 1) {
                return;
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO pull_cursor (device_id, cursor_value, updated_at) "
                    + "VALUES (?, ?, CURRENT_TIMESTAMP)")) {
                ps.setString(1, deviceId);
                ps.setString(2, cursor);
                ps.executeUpdate();
            } catch (SQLException e) {
                // "23505": another node stored the device's first cursor at the same moment; this one is newer
                if (!"23505".equals(e.getSQLState()) || update(c, deviceId, cursor) != 1) {
                    throw e;
                }
            }
        } catch (SQLException e) {
            throw new IOException("the cursor of device " + deviceId + " was not stored: " + e.getMessage(), e);
        }
    }

    private static int update(Connection c, String deviceId, String cursor) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE pull_cursor SET cursor_value=?, updated_at=CURRENT_TIMESTAMP "
                + "WHERE device_id=?")) {
            ps.setString(1, cursor);
            ps.setString(2, deviceId);
            return ps.executeUpdate();
        }
    }

    @Override
    public void remove(String deviceId) throws IOException {
        try {
            Statements.update(dataSource, "DELETE FROM pull_cursor WHERE device_id=?", ps -> ps.setString(1, deviceId));
        } catch (JdbcIncidentStore.StoreException e) {
            throw new IOException("the cursor of device " + deviceId + " was not removed: " + e.getMessage(), e);
        }
    }

    @Override
    public Map<String, String> all() {
        Map<String, String> all = new TreeMap<>();
        Statements.query(dataSource, "SELECT device_id, cursor_value FROM pull_cursor", ps -> { },
                rs -> all.put(rs.getString(1), rs.getString(2)));
        return Collections.unmodifiableMap(all);
    }
}

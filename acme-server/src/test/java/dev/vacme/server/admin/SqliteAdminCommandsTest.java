package dev.vacme.server.admin;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

/** The admin commands on the embedded SQLite store in the data directory. */
class SqliteAdminCommandsTest extends AdminCommandsTest {

    @Override
    Map<String, Object> storeOptions() {
        return Map.of();
    }

    @Override
    List<String> storeArguments() {
        return List.of("--data-dir", dataDir.toString());
    }

    @Override
    void execute(String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("vacme.db"));
                Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(10);
            statement.executeUpdate(sql);
        }
    }
}

package rolecraft.bot.store;

import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import org.jdbi.v3.core.statement.StatementBuilder;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Keeps the writer's prepared statements for its one connection, so that a turn's dozen statements are
 * parsed once per process rather than once per turn (parsing cost SQLite as much as running them). Used by
 * one thread only; statements beyond {@link #MAX} distinct texts are prepared and closed as usual.
 */
final class CachedStatements implements StatementBuilder {

    static final int MAX = 256;
    private final Map<String, PreparedStatement> bySql = new HashMap<>();
    private final Map<Statement, Boolean> cached = new IdentityHashMap<>();

    @Override
    public Statement create(Connection conn, StatementContext ctx) throws SQLException {
        return conn.createStatement();
    }

    @Override
    public PreparedStatement create(Connection conn, String sql, StatementContext ctx) throws SQLException {
        String[] keys = ctx.isReturningGeneratedKeys() ? ctx.getGeneratedKeysColumnNames() : null;
        if (keys == null) {
            return kept(sql, () -> conn.prepareStatement(sql));
        }
        return kept(String.join(",", keys) + "\u0000" + sql, () -> keys.length > 0 ? conn.prepareStatement(sql, keys)
                : conn.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS));
    }

    /** The kept statement for {@code sql} on {@code conn} (prepared on first use), for SQL run without Jdbi. */
    PreparedStatement prepared(Connection conn, String sql) throws SQLException {
        return kept(sql, () -> conn.prepareStatement(sql));
    }

    /** What is done with a kept statement. */
    interface Use<T> {
        T apply(PreparedStatement ps) throws SQLException;
    }

    /**
     * Runs {@code use} on the kept statement for {@code sql} (prepared on first use) and gives the statement back
     * as Jdbi does: parameters cleared for the next use, or closed when not kept. For SQL run without Jdbi.
     */
    <T> T use(Connection conn, String sql, Use<T> use) throws SQLException {
        PreparedStatement ps = prepared(conn, sql);
        try {
            return use.apply(ps);
        } finally {
            close(conn, sql, ps);
        }
    }

    private interface Preparer {
        PreparedStatement prepare() throws SQLException;
    }

    /** The statement kept under {@code key}, prepared (and kept, below {@link #MAX}) when there is none. */
    private PreparedStatement kept(String key, Preparer preparer) throws SQLException {
        PreparedStatement ps = bySql.get(key);
        if (ps != null && !ps.isClosed()) {
            return ps;
        }
        ps = preparer.prepare();
        if (bySql.size() < MAX) {
            bySql.put(key, ps);
            cached.put(ps, Boolean.TRUE);
        }
        return ps;
    }

    @Override
    public CallableStatement createCall(Connection conn, String sql, StatementContext ctx) throws SQLException {
        return conn.prepareCall(sql);
    }

    @Override
    public void close(Connection conn, String sql, Statement stmt) throws SQLException {
        if (stmt instanceof PreparedStatement ps && cached.containsKey(stmt) && !stmt.isClosed()) {
            try {
                ps.clearParameters();
                return;
            } catch (SQLException e) {
                // The driver let go of it (a statement that failed can be): prepared anew next time.
                cached.remove(stmt);
                bySql.values().remove(ps);
            }
        }
        stmt.close();
    }

    @Override
    public void close(Connection conn) {
        // The connection outlives each handle: its statements stay until closeAll.
    }

    /** Closes every statement kept (when the writer stops). */
    void closeAll() {
        for (PreparedStatement ps : bySql.values()) {
            try {
                ps.close();
            } catch (SQLException e) {
                // Closing: nothing to do about it.
            }
        }
        bySql.clear();
        cached.clear();
    }
}

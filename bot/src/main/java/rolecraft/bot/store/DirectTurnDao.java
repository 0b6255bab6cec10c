package rolecraft.bot.store;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Proxy;
import java.lang.reflect.Type;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.statement.UseRowMapper;

/**
 * The SQLite writer's {@link TurnDao}: the simple statements of a turn (updates and batches with named
 * parameters, queries of one value) run straight on the writer's kept JDBC statements, with the SQL of their
 * annotations; the rest goes to Jdbi. A turn is a dozen short statements, and Jdbi's work around each (its
 * configuration, argument factories and proxies) cost more than SQLite's. Default methods run on this proxy,
 * so that what they call takes the same path. For the writer's thread only.
 */
final class DirectTurnDao implements InvocationHandler {

    private static final Pattern NAMED = Pattern.compile("(?<![:\\w]):(\\w+)");
    /** How each method runs: its positional SQL and parameter order, or null for Jdbi. */
    private static final Map<Method, Optional<Plan>> PLANS = new ConcurrentHashMap<>();

    private enum Kind { UPDATE, BATCH, ONE_VALUE }

    private record Plan(Kind kind, String sql, int[] argumentOf, Class<?> valueType) {
    }

    private final TurnDao jdbi;
    private final Connection connection;
    private final CachedStatements statements;

    private DirectTurnDao(TurnDao jdbi, Connection connection, CachedStatements statements) {
        this.jdbi = jdbi;
        this.connection = connection;
        this.statements = statements;
    }

    /** A TurnDao over {@code jdbi} (attached to a handle on {@code connection}) that runs simple SQL directly. */
    static TurnDao over(TurnDao jdbi, Connection connection, CachedStatements statements) {
        return (TurnDao) Proxy.newProxyInstance(TurnDao.class.getClassLoader(), new Class<?>[] {TurnDao.class},
                new DirectTurnDao(jdbi, connection, statements));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
                case "hashCode" -> System.identityHashCode(proxy);
                case "equals" -> proxy == args[0];
                default -> "DirectTurnDao";
            };
        }
        if (method.isDefault()) {
            return InvocationHandler.invokeDefault(proxy, method, args);
        }
        Optional<Plan> plan = PLANS.computeIfAbsent(method, DirectTurnDao::plan);
        if (plan.isEmpty()) {
            try {
                return method.invoke(jdbi, args);
            } catch (java.lang.reflect.InvocationTargetException e) {
                throw e.getCause();
            }
        }
        try {
            return run(plan.get(), args, method.getReturnType());
        } catch (SQLException e) {
            // The same exception Jdbi gives, so that callers (and conflict checks) see no difference.
            throw new UnableToExecuteStatementException(e, null);
        }
    }

    private Object run(Plan plan, Object[] args, Class<?> returns) throws SQLException {
        return statements.use(connection, plan.sql(), ps -> {
            switch (plan.kind()) {
                case UPDATE -> {
                    bind(ps, plan, args, -1);
                    int n = ps.executeUpdate();
                    return returns == void.class ? null : n;
                }
                case BATCH -> {
                    int rows = batchSize(args);
                    for (int r = 0; r < rows; r++) {
                        bind(ps, plan, args, r);
                        ps.addBatch();
                    }
                    if (rows > 0) {
                        ps.executeBatch();
                    }
                    return null;
                }
                default -> {
                    bind(ps, plan, args, -1);
                    try (ResultSet rs = ps.executeQuery()) {
                        Object value = null;
                        if (rs.next()) {
                            value = plan.valueType() == Long.class ? (Object) rs.getLong(1)
                                    : plan.valueType() == Integer.class ? (Object) rs.getInt(1) : rs.getString(1);
                            if (rs.wasNull()) {
                                value = null;
                            }
                        }
                        if (returns == Optional.class) {
                            return Optional.ofNullable(value);
                        }
                        if (value == null) {
                            return returns == long.class ? (Object) 0L : (Object) 0;
                        }
                        return value;
                    }
                }
            }
        });
    }

    private static int batchSize(Object[] args) {
        for (Object a : args) {
            if (a instanceof List<?> l) {
                return l.size();
            }
        }
        return 0;
    }

    private static void bind(PreparedStatement ps, Plan plan, Object[] args, int row) throws SQLException {
        for (int i = 0; i < plan.argumentOf().length; i++) {
            Object v = args[plan.argumentOf()[i]];
            if (row >= 0 && v instanceof List<?> l) {
                v = l.get(row);
            }
            ps.setObject(i + 1, v);
        }
    }

    /** True when {@code m} runs straight on JDBC (false: through Jdbi). */
    static boolean direct(Method m) {
        return !m.isDefault() && PLANS.computeIfAbsent(m, DirectTurnDao::plan).isPresent();
    }

    /** How {@code m} runs directly, or empty when Jdbi runs it (mappers, generated keys, lists in SQL). */
    private static Optional<Plan> plan(Method m) {
        if (m.isAnnotationPresent(GetGeneratedKeys.class) || m.isAnnotationPresent(UseRowMapper.class)) {
            return Optional.empty();
        }
        Kind kind;
        String sql;
        Class<?> valueType = null;
        if (m.isAnnotationPresent(SqlUpdate.class)) {
            kind = Kind.UPDATE;
            sql = m.getAnnotation(SqlUpdate.class).value();
            if (m.getReturnType() != int.class && m.getReturnType() != void.class) {
                return Optional.empty();
            }
        } else if (m.isAnnotationPresent(SqlBatch.class)) {
            kind = Kind.BATCH;
            sql = m.getAnnotation(SqlBatch.class).value();
            if (m.getReturnType() != void.class) {
                return Optional.empty();
            }
        } else if (m.isAnnotationPresent(SqlQuery.class)) {
            kind = Kind.ONE_VALUE;
            sql = m.getAnnotation(SqlQuery.class).value();
            valueType = oneValueType(m);
            if (valueType == null) {
                return Optional.empty();
            }
        } else {
            return Optional.empty();
        }
        List<String> names = new ArrayList<>();
        for (Parameter p : m.getParameters()) {
            Bind b = p.getAnnotation(Bind.class);
            if (b == null) {
                return Optional.empty();
            }
            names.add(b.value());
        }
        Matcher mm = NAMED.matcher(sql);
        StringBuilder positional = new StringBuilder();
        List<Integer> order = new ArrayList<>();
        while (mm.find()) {
            int arg = names.indexOf(mm.group(1));
            if (arg < 0) {
                return Optional.empty();
            }
            order.add(arg);
            mm.appendReplacement(positional, "?");
        }
        mm.appendTail(positional);
        return Optional.of(new Plan(kind, positional.toString(), order.stream().mapToInt(Integer::intValue).toArray(),
                valueType));
    }

    /** Long, Integer or String for a query of one value (int, Optional of those); null for anything else. */
    private static Class<?> oneValueType(Method m) {
        if (m.getReturnType() == int.class) {
            return Integer.class;
        }
        if (m.getReturnType() == long.class) {
            return Long.class;
        }
        if (m.getReturnType() != Optional.class) {
            return null;
        }
        Type t = m.getGenericReturnType();
        if (t instanceof ParameterizedType pt && pt.getActualTypeArguments()[0] instanceof Class<?> c
                && (c == Long.class || c == Integer.class || c == String.class)) {
            return c;
        }
        return null;
    }
}

package dev.parley.support;

import dev.parley.ParleyApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts extra Parley nodes in this JVM, sharing the test PostgreSQL and Redis, for multi-node tests. */
public final class Nodes {

    private Nodes() {}

    /**
     * A node on a free port with Redis fan-out, the shared database and the test signing secret; rate limits
     * are off unless {@code extraArgs} set {@code parley.rate-limits.enabled}.
     *
     * @param extraArgs further {@code --property=value} arguments, replacing those of the same property
     */
    public static ConfigurableApplicationContext start(String... extraArgs) {
        return start(new Class<?>[0], extraArgs);
    }

    /** {@link #start(String...)} with further beans or configuration classes in the node. */
    public static ConfigurableApplicationContext start(Class<?>[] extraSources, String... extraArgs) {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of(
                "--server.port=0",
                "--spring.jmx.enabled=false",
                "--spring.datasource.url=" + TestDatabase.jdbcUrl(),
                "--spring.datasource.username=postgres",
                "--spring.data.redis.url=" + TestRedis.url(),
                "--parley.jwt.secret=" + IntegrationTest.JWT_SECRET,
                "--parley.rate-limits.enabled=false"));
        // a property given twice would be read as both values joined by a comma: extra arguments replace
        for (String extra : extraArgs) {
            String name = extra.substring(0, extra.indexOf('=') + 1);
            args.removeIf(arg -> arg.startsWith(name));
        }
        args.addAll(java.util.List.of(extraArgs));
        Class<?>[] sources = java.util.Arrays.copyOf(new Class<?>[] {ParleyApplication.class}, 1 + extraSources.length);
        System.arraycopy(extraSources, 0, sources, 1, extraSources.length);
        return new SpringApplicationBuilder(sources).run(args.toArray(String[]::new));
    }

    /** A new account made an admin directly in the database (as the first account of a fresh server would be). */
    public static ParleyClient.TestUser newAdmin(ConfigurableApplicationContext node, String name) {
        ParleyClient.TestUser made = client(node).newUser(name);
        node.getBean(org.springframework.jdbc.core.simple.JdbcClient.class)
                .sql("UPDATE users SET role = 'admin' WHERE id = ?")
                .param(made.id())
                .update();
        return made;
    }

    /** A client of {@code node}. */
    public static ParleyClient client(ConfigurableApplicationContext node) {
        return new ParleyClient("http://localhost:"
                + ((WebServerApplicationContext) node).getWebServer().getPort());
    }
}

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
     * @param extraArgs further {@code --property=value} arguments
     */
    public static ConfigurableApplicationContext start(String... extraArgs) {
        return start(new Class<?>[0], extraArgs);
    }

    /** {@link #start(String...)} with further beans or configuration classes in the node. */
    public static ConfigurableApplicationContext start(Class<?>[] extraSources, String... extraArgs) {
        String[] base = {
            "--server.port=0",
            "--spring.jmx.enabled=false",
            "--spring.datasource.url=" + TestDatabase.jdbcUrl(),
            "--spring.datasource.username=postgres",
            "--spring.data.redis.url=" + TestRedis.url(),
            "--parley.jwt.secret=" + IntegrationTest.JWT_SECRET
        };
        if (java.util.Arrays.stream(extraArgs).noneMatch(arg -> arg.startsWith("--parley.rate-limits.enabled"))) {
            base = java.util.Arrays.copyOf(base, base.length + 1);
            base[base.length - 1] = "--parley.rate-limits.enabled=false";
        }
        String[] args = java.util.Arrays.copyOf(base, base.length + extraArgs.length);
        System.arraycopy(extraArgs, 0, args, base.length, extraArgs.length);
        Class<?>[] sources = java.util.Arrays.copyOf(new Class<?>[] {ParleyApplication.class}, 1 + extraSources.length);
        System.arraycopy(extraSources, 0, sources, 1, extraSources.length);
        return new SpringApplicationBuilder(sources).run(args);
    }

    /** A client of {@code node}. */
    public static ParleyClient client(ConfigurableApplicationContext node) {
        return new ParleyClient("http://localhost:"
                + ((WebServerApplicationContext) node).getWebServer().getPort());
    }
}

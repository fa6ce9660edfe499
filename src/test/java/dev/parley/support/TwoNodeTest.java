package dev.parley.support;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.context.ConfigurableApplicationContext;

/** Tests with two Parley nodes sharing the test PostgreSQL and Redis, started once per class. */
public abstract class TwoNodeTest {

    protected static ConfigurableApplicationContext node1;
    protected static ConfigurableApplicationContext node2;

    @BeforeAll
    static void startNodes() {
        node1 = Nodes.start();
        node2 = Nodes.start();
    }

    @AfterAll
    static void stopNodes() {
        node1.close();
        node2.close();
    }
}

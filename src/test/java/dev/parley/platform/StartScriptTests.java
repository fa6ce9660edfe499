package dev.parley.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bin/parley} names the JDK it needs before building or starting anything. */
class StartScriptTests {

    @Test
    void aJdkOlderThan21IsRefusedWithASentenceNamingJavaHome(@TempDir Path jdk) throws Exception {
        Result result = startWith(fakeJava(jdk, "17"));
        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.output())
                .contains("Parley needs Java 21 or newer")
                .contains("is 17")
                .contains("JAVA_HOME");
    }

    @Test
    void aJavaHomeWithoutJavaIsRefusedTheSameWay(@TempDir Path empty) throws Exception {
        Result result = startWith(empty);
        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.output()).contains("Parley needs Java 21 or newer").contains("not a Java it can run");
    }

    private record Result(int exit, String output) {}

    /** A JAVA_HOME whose bin/java reports {@code version} and does nothing else. */
    private static Path fakeJava(Path home, String version) throws IOException {
        Path java = Files.createDirectories(home.resolve("bin")).resolve("java");
        Files.writeString(java, "#!/bin/sh\necho '    java.specification.version = " + version + "' >&2\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        return home;
    }

    private static Result startWith(Path javaHome) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("sh", "bin/parley").redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", javaHome.toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), output);
    }
}

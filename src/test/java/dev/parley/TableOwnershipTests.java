package dev.parley;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * One owner per table (DESIGN "Boundaries that the code must keep"): each table is read and written by one
 * module's repositories only; other modules go through that module's API. Spring Modulith's check cannot see
 * SQL, so this test reads it: every SQL text in a module's sources may name only that module's tables, and
 * only classes annotated {@link Repository} run SQL.
 */
class TableOwnershipTests {

    /** Each table, by the module that owns it. Every table the migrations create must be listed here. */
    static final Map<String, String> OWNERS = Map.ofEntries(
            Map.entry("users", "accounts"),
            Map.entry("sessions", "accounts"),
            Map.entry("refresh_tokens", "accounts"),
            Map.entry("password_resets", "accounts"),
            Map.entry("admin_audit", "admin"),
            Map.entry("admin_settings", "admin"),
            Map.entry("invites", "admin"),
            Map.entry("conversations", "conversations"),
            Map.entry("conversation_members", "conversations"),
            Map.entry("read_receipts", "conversations"),
            Map.entry("messages", "messaging"),
            Map.entry("reactions", "messaging"),
            Map.entry("attachments", "messaging"),
            Map.entry("message_attachments", "messaging"),
            Map.entry("attachment_contents", "messaging"));

    private static final Path SOURCES = Path.of("src/main/java/dev/parley");

    /** A table named where SQL names one: after FROM, JOIN, INTO, UPDATE or TABLE. */
    private static final Pattern TABLE =
            Pattern.compile("\\b(?:FROM|JOIN|INTO|UPDATE|TABLE)\\s+([a-z_][a-z0-9_]*)", Pattern.CASE_INSENSITIVE);

    /** Java string literals and text blocks, where SQL lives. */
    private static final Pattern LITERAL =
            Pattern.compile("\"\"\"(.*?)\"\"\"|\"((?:[^\"\\\\\\n]|\\\\.)*)\"", Pattern.DOTALL);

    @Test
    void everyTableTheMigrationsCreateHasAnOwner() throws IOException {
        TreeSet<String> created = new TreeSet<>();
        try (Stream<Path> migrations = Files.list(Path.of("src/main/resources/db/migration"))) {
            for (Path migration : migrations.toList()) {
                Matcher table = Pattern.compile("CREATE TABLE (?:IF NOT EXISTS )?([a-z_]+)")
                        .matcher(Files.readString(migration));
                while (table.find()) {
                    created.add(table.group(1));
                }
            }
        }
        assertThat(OWNERS.keySet()).containsExactlyInAnyOrderElementsOf(created);
    }

    @Test
    void aModulesSqlNamesOnlyItsOwnTables() {
        assertThat(foreignTables(SOURCES)).isEmpty();
    }

    /** The rule finds a cross-module query: the check cannot pass by reading nothing. */
    @Test
    void findsAQueryOfAnotherModulesTable() throws IOException {
        Path module = Files.createTempDirectory("parley-sources").resolve("messaging");
        Files.createDirectories(module);
        Files.writeString(
                module.resolve("Example.java"),
                "class Example { String sql = \"SELECT m.id, u.name FROM messages m JOIN users u ON u.id = m.sender_id\"; }");
        assertThat(foreignTables(module.getParent())).containsExactly("messaging/Example.java names users (accounts)");
    }

    @Test
    void onlyRepositoriesRunSql() {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.parley");
        noClasses()
                .that()
                .areNotAnnotatedWith(Repository.class)
                .should()
                .callMethodWhere(DescribedPredicate.describe(
                        "a method of JdbcClient",
                        call -> call.getTarget().getOwner().isAssignableTo(JdbcClient.class)))
                .because("each table is read and written by its module's repositories (DESIGN)")
                .check(classes);
    }

    /** "module/File.java names table (owner)" for each table a module's SQL names that another module owns. */
    private static List<String> foreignTables(Path sources) {
        List<String> foreign = new ArrayList<>();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Path relative = sources.relativize(file);
                String module = relative.getName(0).toString();
                Matcher literal = LITERAL.matcher(Files.readString(file));
                while (literal.find()) {
                    String text = literal.group(1) != null ? literal.group(1) : literal.group(2);
                    Matcher table = TABLE.matcher(text);
                    while (table.find()) {
                        String owner = OWNERS.get(table.group(1).toLowerCase());
                        if (owner != null && !owner.equals(module)) {
                            foreign.add(relative + " names " + table.group(1) + " (" + owner + ")");
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return foreign;
    }
}

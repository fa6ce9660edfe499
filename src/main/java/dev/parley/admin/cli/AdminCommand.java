package dev.parley.admin.cli;

import dev.parley.accounts.Role;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code bin/parley admin}: administers a running node from its own machine when nobody can log in (SPEC
 * "Security and administration"). It reads the node's loopback address from {@code <data-dir>/admin-endpoint}
 * and its credential from {@code <data-dir>/admin-key} (both written by the node; the data directory is
 * {@code --data-dir}, else {@code PARLEY_DATA_DIR}, else {@code ./data}), and asks the node's
 * {@code /local/admin/} endpoints. Passwords are read from the terminal, or as the first line of standard
 * input. Exit status: 0 done, 1 refused or no node, 2 usage.
 */
public final class AdminCommand {

    static final String USAGE = """
            Usage: bin/parley admin [--data-dir DIR] COMMAND
              create-user USERNAME EMAIL [--admin]   make an account (any registration mode); asks for its password
              reset-password USERNAME                set a new password (asked for); ends the account's sessions
              set-admin USERNAME true|false          grant or revoke the admin role
            The node must be running on this machine with the same data directory (--data-dir, else
            PARLEY_DATA_DIR, else ./data).""";

    private final PrintStream out;
    private final PrintStream err;
    private final BufferedReader in;
    private final JsonMapper json = JsonMapper.builder().build();

    AdminCommand(PrintStream out, PrintStream err, BufferedReader in) {
        this.out = out;
        this.err = err;
        this.in = in;
    }

    public static void main(String[] args) {
        BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        System.exit(new AdminCommand(System.out, System.err, stdin).run(args));
    }

    /** Runs one command; answers the exit status. */
    int run(String[] arguments) {
        List<String> args = new ArrayList<>(List.of(arguments));
        String dataDir = System.getenv().getOrDefault("PARLEY_DATA_DIR", "data");
        int option = args.indexOf("--data-dir");
        if (option >= 0 && option + 1 < args.size()) {
            dataDir = args.remove(option + 1);
            args.remove(option);
        }
        boolean admin = args.remove("--admin");
        String command = args.isEmpty() ? "" : args.getFirst();
        try {
            return switch (command) {
                case "create-user" -> args.size() != 3 ? usage() : createUser(dataDir, args.get(1), args.get(2), admin);
                case "reset-password" -> args.size() != 2 ? usage() : resetPassword(dataDir, args.get(1));
                case "set-admin" ->
                    args.size() != 3 || !args.get(2).matches("true|false")
                            ? usage()
                            : setAdmin(dataDir, args.get(1), Boolean.parseBoolean(args.get(2)));
                default -> usage();
            };
        } catch (Refused refused) {
            err.println(refused.getMessage());
            return 1;
        }
    }

    /** {@code POST /local/admin/users}'s body. */
    private record NewUser(String username, String email, String password, boolean admin) {}

    /** {@code PUT /local/admin/users/{username}/admin}'s body. */
    private record AdminRole(boolean admin) {}

    private int createUser(String dataDir, String username, String email, boolean admin) {
        NewUser body = new NewUser(username, email, password("Password for " + username + ": "), admin);
        JsonNode account = call(dataDir, "POST", "/local/admin/users", body);
        out.printf(
                "Created %s (id %d, %s).%n",
                account.get("username").asString(),
                account.get("id").asLong(),
                account.get("role").asString());
        return 0;
    }

    private int resetPassword(String dataDir, String username) {
        Map<String, Object> body = Map.of("password", password("New password for " + username + ": "));
        call(dataDir, "PUT", "/local/admin/users/" + segment(username) + "/password", body);
        out.printf("Set the password of %s; its sessions have ended.%n", username);
        return 0;
    }

    private int setAdmin(String dataDir, String username, boolean admin) {
        JsonNode account =
                call(dataDir, "PUT", "/local/admin/users/" + segment(username) + "/admin", new AdminRole(admin));
        boolean isAdmin = Role.ADMIN.wireName().equals(account.get("role").asString());
        out.printf("%s is now %s.%n", username, isAdmin ? "an admin" : "a user");
        return 0;
    }

    private int usage() {
        err.println(USAGE);
        return 2;
    }

    private String password(String prompt) {
        Console console = System.console();
        if (console != null && isTerminal(console)) {
            char[] typed = console.readPassword(prompt);
            return typed == null ? "" : new String(typed);
        }
        try {
            String line = in.readLine();
            return line == null ? "" : line;
        } catch (IOException e) {
            throw new Refused("Cannot read the password from standard input: " + e.getMessage());
        }
    }

    /** {@code Console.isTerminal()} where the JDK has it (22+): there a console exists even for piped input. */
    private static boolean isTerminal(Console console) {
        try {
            return (boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true; // JDK 21: a console exists only for a terminal
        }
    }

    private JsonNode call(String dataDir, String method, String path, Object body) {
        Path dir = Path.of(dataDir);
        String endpoint = read(dir.resolve("admin-endpoint"));
        String key = read(dir.resolve("admin-key"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("X-Parley-Admin-Key", key)
                .method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
                .build();
        HttpResponse<String> response;
        try (HttpClient http = HttpClient.newHttpClient()) {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new Refused("No Parley node answers at " + endpoint + " (from " + dir.resolve("admin-endpoint")
                    + "). Start it with bin/parley and the same data directory, then run this again.");
        } catch (IOException e) {
            throw new Refused("Asking the node at " + endpoint + " failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Refused("Interrupted");
        }
        JsonNode answer = json.readTree(response.body().isEmpty() ? "{}" : response.body());
        if (response.statusCode() >= 300) {
            String sentence =
                    answer.path("detail").asString(answer.path("title").asString("refused"));
            throw new Refused("Refused: " + sentence + " ("
                    + answer.path("code").asString("HTTP " + response.statusCode()) + ")");
        }
        return answer;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (NoSuchFileException e) {
            throw new Refused(file + " does not exist: start Parley (bin/parley) with this data directory first,"
                    + " or name the directory with --data-dir or PARLEY_DATA_DIR.");
        } catch (IOException e) {
            throw new Refused("Cannot read " + file + ": " + e.getMessage() + " (run as the user that runs Parley)");
        }
    }

    private static String segment(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A refusal to report in one sentence. */
    private static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message, null, false, false);
        }
    }
}

package dev.parley.platform;

/**
 * A setting that cannot work, found before Parley starts anything: {@link StartupCheckFailureAnalyzer}
 * prints {@code description} and {@code action} as Boot's one-paragraph start-up failure report.
 */
class StartupCheckException extends RuntimeException {

    private final String action;

    StartupCheckException(String description, String action, Throwable cause) {
        super(description, cause);
        this.action = action;
    }

    String action() {
        return action;
    }
}

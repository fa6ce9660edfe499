package dev.parley.accounts;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * Account meters: {@code parley.registrations} (accounts made, by registration or the local admin command)
 * and {@code parley.logins{outcome}}, outcome {@code ok}, {@code failed} (unknown login or wrong password) or
 * {@code deactivated}. Refused by a rate limit before the password check, a login is counted by the limit's
 * {@code parley.rate_limit.refusals} instead.
 */
@Component
class AccountMetrics {

    /** How a login attempt ended. */
    enum LoginOutcome {
        OK,
        FAILED,
        DEACTIVATED
    }

    private final Counter registrations;
    private final Counter[] logins = new Counter[LoginOutcome.values().length];

    AccountMetrics(MeterRegistry meters) {
        this.registrations = Counter.builder("parley.registrations")
                .description("Accounts made, by registration or the local admin command")
                .register(meters);
        for (LoginOutcome outcome : LoginOutcome.values()) {
            logins[outcome.ordinal()] = Counter.builder("parley.logins")
                    .description("Login attempts that reached the password check, by outcome")
                    .tag("outcome", outcome.name().toLowerCase(java.util.Locale.ROOT))
                    .register(meters);
        }
    }

    void registered() {
        registrations.increment();
    }

    void login(LoginOutcome outcome) {
        logins[outcome.ordinal()].increment();
    }
}

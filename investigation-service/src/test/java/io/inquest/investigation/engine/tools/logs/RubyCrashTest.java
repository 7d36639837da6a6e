package io.inquest.investigation.engine.tools.logs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Ruby's uncaught exception at boot is a crash like a Python traceback or a Go panic; a handled error log line is not. */
class RubyCrashTest {

    @Test
    void anUncaughtRubyExceptionIsAPanicQuotingItsClassAndMessage() {
        String line = "/srv/app/lib/billing/invoice_job.rb:41:in `perform': undefined method `total' for nil:NilClass (NoMethodError)";
        LogSignature.Match match = LogSignature.find(line).orElseThrow();
        assertThat(match.signature()).isEqualTo(LogSignature.PANIC);
        assertThat(match.line()).contains("NoMethodError", "undefined method `total'");
    }

    @Test
    void aNamespacedExceptionClassCountsToo() {
        assertThat(LogSignature.find("config/initializers/stripe.rb:3:in `<main>': key not found: \"STRIPE_KEY\" (KeyError)")
                .map(LogSignature.Match::signature)).contains(LogSignature.PANIC);
        assertThat(LogSignature.find("app/models/a.rb:2:in `<class:A>': uninitialized constant A::B (NameError)")
                .map(LogSignature.Match::signature)).contains(LogSignature.PANIC);
    }

    @Test
    void aRailsLogLineThatOnlyNamesARubyFileIsNotACrash() {
        assertThat(LogSignature.find("I, [2026-05-01T10:00:00 #1]  INFO -- : Rendered app/views/orders/index.html.erb (12.3ms)"))
                .isEmpty();
    }
}

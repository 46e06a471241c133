package dev.warden.proxy;

import dev.warden.proxy.NetworkEvent.Closed;
import dev.warden.proxy.NetworkEvent.Decided;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** What every connection of one proxy shares: settings, the gatekeeper, the credentials, the listener, the idle sweep. */
final class SessionState {
    final ProxySettings settings;
    final Gatekeeper gatekeeper;
    final CredentialStore credentials = new CredentialStore();
    final IdleSweep idle;

    SessionState(ProxySettings settings) {
        this.settings = settings;
        this.gatekeeper = new Gatekeeper(settings);
        this.idle = new IdleSweep(settings.limits().idleTimeout());
    }

    ProxyLimits limits() {
        return settings.limits();
    }

    Attribution attribution(ProxyCredential credential) {
        return new Attribution(credential.session(), credential.command());
    }

    Attribution anonymous() {
        return new Attribution(settings.session(), Optional.empty());
    }

    void decided(long connection, Attribution who, Protocol protocol, Admission admission) {
        switch (admission) {
            case Admission.Admitted a -> emit(new Decided(Instant.now(), connection, who.session(), who.command(), protocol,
                    a.host(), a.port(), a.outcome(), Optional.empty(), a.rule(), a.source(), layer(a.source()),
                    a.reason(), texts(a.addresses())));
            case Admission.Unresolvable u -> emit(new Decided(Instant.now(), connection, who.session(), who.command(),
                    protocol, u.host(), u.port(), u.outcome(), Optional.empty(), u.rule(), u.source(), layer(u.source()),
                    u.reason(), List.of()));
            case Admission.Refused r -> emit(new Decided(Instant.now(), connection, who.session(), who.command(), protocol,
                    r.host(), r.port(), r.outcome(), Optional.of(r.refusal()), r.rule(), r.source(), layer(r.source()),
                    r.reason(), texts(r.addresses())));
        }
    }

    /** A refusal before any destination was known (bad request, missing credential). */
    void refusedEarly(long connection, Attribution who, Protocol protocol, Refusal refusal, String host, int port,
                      String reason) {
        emit(new Decided(Instant.now(), connection, who.session(), who.command(), protocol, host, port, Outcome.DENY,
                Optional.of(refusal), Optional.empty(), Optional.empty(), Optional.empty(), reason, List.of()));
    }

    void closed(long connection, Attribution who, Protocol protocol, String host, int port, Optional<InetAddress> address,
                long bytesOut, long bytesIn, long startNanos, Optional<String> error) {
        emit(new Closed(Instant.now(), connection, who.session(), who.command(), protocol, host, port,
                address.map(InetAddress::getHostAddress), bytesOut, bytesIn, Duration.ofNanos(System.nanoTime() - startNanos),
                error));
    }

    private void emit(NetworkEvent event) {
        try {
            settings.listener().onEvent(event);
        } catch (RuntimeException ignored) {
            // a broken listener must not turn a refusal into a dropped connection, nor an allowed one into a crash
        }
    }

    private static Optional<String> layer(Optional<String> source) {
        return source.map(s -> {
            int space = s.indexOf(' ');
            return space < 0 ? s : s.substring(0, space);
        });
    }

    private static List<String> texts(List<InetAddress> addresses) {
        return addresses.stream().map(InetAddress::getHostAddress).toList();
    }
}

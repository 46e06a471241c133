package dev.warden.proxy;

import dev.warden.policy.network.AddressVerdict;
import dev.warden.policy.network.CanonicalHost;
import dev.warden.policy.network.DomainRule;
import dev.warden.policy.network.HostVerdict;
import dev.warden.policy.network.InvalidHostException;
import dev.warden.policy.network.NetworkPolicy;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Decides one destination, in an order chosen so that nothing leaks before it is allowed: the host is
 * canonicalised, decided by name (deny, allow, or ask a person), and only then resolved — an unapproved
 * name is never looked up, so a denied host cannot carry data out through DNS. Every resolved address is
 * checked, and the caller connects to those addresses only.
 */
final class Gatekeeper {
    private final NetworkPolicy policy;
    private final Resolver resolver;
    private final NetworkApprover approver;
    private final long askTimeoutMillis;
    /** Answers per session per host:port; a pending answer is shared by every connection waiting on it. */
    private final ConcurrentHashMap<String, CompletableFuture<Boolean>> answers = new ConcurrentHashMap<>();

    Gatekeeper(ProxySettings settings) {
        this.policy = settings.policy();
        this.resolver = settings.resolver();
        this.approver = settings.approver();
        this.askTimeoutMillis = settings.limits().askTimeout().toMillis();
    }

    Admission admit(String rawHost, int port, Protocol protocol, Attribution who) {
        CanonicalHost host;
        try {
            host = CanonicalHost.parse(rawHost);
        } catch (InvalidHostException e) {
            return new Admission.Refused(DomainRule.printable(rawHost), port, Refusal.BAD_REQUEST, Outcome.DENY,
                    Optional.empty(), Optional.empty(), "the host cannot be read: " + e.getMessage(), Optional.empty(),
                    List.of());
        }
        if (port < 1 || port > 65535) {
            return new Admission.Refused(host.text(), port, Refusal.BAD_REQUEST, Outcome.DENY, Optional.empty(),
                    Optional.empty(), "port " + port + " is out of range", Optional.empty(), List.of());
        }
        String authority = host.authority(port);
        String allowEntry = NetworkPolicy.allowEntryFor(host, port);
        Outcome outcome;
        Optional<String> rule;
        Optional<String> source;
        String reason;
        switch (policy.decide(host, port)) {
            case HostVerdict.Denied denied -> {
                DomainRule r = denied.rule();
                return refused(host, port, Refusal.DENIED_DOMAIN, Outcome.DENY, r,
                        authority + " matches denied_domains entry " + r.describe(), denyAdvice(r), List.of());
            }
            case HostVerdict.NotAllowed notAllowed -> {
                return new Admission.Refused(host.text(), port, Refusal.NOT_ALLOWED, Outcome.DENY,
                        Optional.of(notAllowed.rule()), Optional.of(notAllowed.source()),
                        authority + " is not in allowed_domains, and " + notAllowed.rule() + " (" + notAllowed.source()
                                + ") refuses hosts on neither list",
                        Optional.of(notAllowed.managed()
                                ? "ask the administrator to add \"" + allowEntry + "\" to allowed_domains in requirements.toml"
                                : "add \"" + allowEntry + "\" to [network] allowed_domains"), List.of());
            }
            case HostVerdict.Ask ask -> {
                NetworkRequest request = new NetworkRequest(who.session(), who.command(), host.text(), port, protocol,
                        authority + " is on neither allowed_domains nor denied_domains; " + ask.rule() + " ("
                                + ask.source() + ")");
                Answer answer = approve(request);
                if (answer != Answer.YES) {
                    return new Admission.Refused(host.text(), port, Refusal.ASK_DENIED, Outcome.ASK_DENIED,
                            Optional.of(ask.rule()), Optional.of(ask.source()),
                            authority + " is on neither list and " + (answer == Answer.TIMEOUT
                                    ? "nobody answered within " + askTimeoutMillis / 1000 + " s" : "the request was denied"),
                            Optional.of("add \"" + allowEntry + "\" to [network] allowed_domains"), List.of());
                }
                outcome = Outcome.ASK_APPROVED;
                rule = Optional.of(ask.rule());
                source = Optional.of(ask.source());
                reason = authority + " was approved for this session";
            }
            case HostVerdict.Allowed allowed -> {
                outcome = Outcome.ALLOW;
                rule = Optional.of(allowed.rule().pattern().text());
                source = Optional.of(allowed.rule().source());
                reason = authority + " matches allowed_domains entry " + allowed.rule().describe();
            }
        }
        List<InetAddress> addresses;
        switch (host) {
            case CanonicalHost.Ip ip -> addresses = List.of(ip.address());
            case CanonicalHost.Name name -> {
                try {
                    addresses = resolver.resolve(name.text());
                } catch (UnknownHostException | RuntimeException e) {
                    return new Admission.Unresolvable(host, port, outcome, rule, source, reason,
                            "cannot resolve " + name.text() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
                }
                if (addresses == null || addresses.isEmpty()) {
                    return new Admission.Unresolvable(host, port, outcome, rule, source, reason,
                            "cannot resolve " + name.text() + ": no address");
                }
                addresses = List.copyOf(addresses);
            }
        }
        List<InetAddress> checked = new ArrayList<>(addresses.size());
        for (InetAddress address : addresses) {
            InetAddress canonical = canonical(address);
            switch (policy.checkAddress(canonical, port)) {
                case AddressVerdict.Denied denied -> {
                    return refused(host, port, Refusal.DENIED_DOMAIN, Outcome.DENY, denied.rule(),
                            resolvedTo(host, canonical) + ", which denied_domains entry " + denied.rule().describe()
                                    + " covers", denyAdvice(denied.rule()), addresses);
                }
                case AddressVerdict.Local local -> {
                    String text = new CanonicalHost.Ip(canonical).text();
                    return new Admission.Refused(host.text(), port, Refusal.LOCAL_ADDRESS, Outcome.DENY,
                            Optional.of("allow_local_binding = " + policy.allowLocalBinding()), Optional.empty(),
                            resolvedTo(host, canonical) + ", " + local.kind().description() + " (" + text
                                    + "), and nothing allows local addresses",
                            Optional.of("add \"" + NetworkPolicy.allowEntryForAddress(canonical)
                                    + "\" to [network] allowed_domains, or set allow_local_binding = true"), addresses);
                }
                case AddressVerdict.Permitted permitted -> checked.add(canonical);
            }
        }
        return new Admission.Admitted(host, port, List.copyOf(checked), outcome, rule, source, reason);
    }

    private static String resolvedTo(CanonicalHost host, InetAddress address) {
        String text = new CanonicalHost.Ip(address).text();
        return host instanceof CanonicalHost.Ip ? text + " is" : host.text() + " resolved to " + text;
    }

    /** An IPv4-mapped IPv6 address from a resolver is the IPv4 address it maps (as the policy sees it). */
    private static InetAddress canonical(InetAddress address) {
        try {
            return CanonicalHost.parse(address.getHostAddress().split("%")[0]) instanceof CanonicalHost.Ip ip
                    ? ip.address() : address;
        } catch (InvalidHostException e) {
            return address;
        }
    }

    private static Admission.Refused refused(CanonicalHost host, int port, Refusal refusal, Outcome outcome, DomainRule rule,
                                             String reason, Optional<String> advice, List<InetAddress> addresses) {
        return new Admission.Refused(host.text(), port, refusal, outcome, Optional.of(rule.pattern().text()),
                Optional.of(rule.source()), reason, advice, addresses);
    }

    private static Optional<String> denyAdvice(DomainRule rule) {
        if (rule.managed()) {
            return Optional.of("the administrator denied it (" + rule.source() + "); configuration cannot allow it");
        }
        return Optional.of("remove \"" + rule.written() + "\" from denied_domains (" + rule.source() + ")");
    }

    private enum Answer { YES, NO, TIMEOUT }

    private Answer approve(NetworkRequest request) {
        String key = request.authority();
        CompletableFuture<Boolean> pending = answers.computeIfAbsent(key, k -> ask(request));
        try {
            return Boolean.TRUE.equals(pending.get(askTimeoutMillis, TimeUnit.MILLISECONDS)) ? Answer.YES : Answer.NO;
        } catch (TimeoutException e) {
            // Silence is a denial for this connection, but not a remembered one: the person may answer later.
            answers.remove(key, pending);
            pending.cancel(true);
            return Answer.TIMEOUT;
        } catch (ExecutionException | CancellationException e) {
            answers.remove(key, pending);
            return Answer.NO;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Answer.NO;
        }
    }

    private CompletableFuture<Boolean> ask(NetworkRequest request) {
        try {
            CompletableFuture<Boolean> answer = approver.ask(request);
            return answer == null ? CompletableFuture.completedFuture(false) : answer;
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}

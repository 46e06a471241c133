package dev.warden.policy.network;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The effective egress policy: the mode, both lists with where each entry came from, what to do with
 * hosts on neither, and whether local addresses are reachable. Immutable and pure; the proxy asks it
 * twice per connection: {@link #decide} on the name the client gave, then {@link #checkAddress} on
 * every address that name resolved to, and connects only to an address that passed.
 *
 * <p>Deny wins over allow. An empty allow list allows nothing (hosts then follow {@code unknown}).
 */
public final class NetworkPolicy {
    private final NetworkMode mode;
    private final List<DomainRule> allowed;
    private final List<DomainRule> denied;
    private final UnknownDomains unknown;
    private final String unknownSource;
    private final boolean managedOnly;
    private final boolean allowLocalBinding;
    private final DomainIndex allowIndex;
    private final DomainIndex denyIndex;

    /**
     * @param unknownSource  where {@code unknown} was set ({@code user /home/a/.warden/config.toml:5}), or the
     *                       requirement that forced it
     * @param managedOnly    the administrator allows only the requirements' domains ({@code managed_allowed_domains_only})
     */
    public NetworkPolicy(NetworkMode mode, List<DomainRule> allowed, List<DomainRule> denied, UnknownDomains unknown,
                         String unknownSource, boolean managedOnly, boolean allowLocalBinding) {
        this.mode = Objects.requireNonNull(mode, "mode");
        this.allowed = List.copyOf(allowed);
        this.denied = List.copyOf(denied);
        this.unknown = Objects.requireNonNull(unknown, "unknown");
        this.unknownSource = Objects.requireNonNull(unknownSource, "unknownSource");
        this.managedOnly = managedOnly;
        if (managedOnly && unknown != UnknownDomains.DENY) {
            throw new IllegalArgumentException("managed_allowed_domains_only denies unknown hosts; it cannot ask");
        }
        this.allowLocalBinding = allowLocalBinding;
        this.allowIndex = new DomainIndex(this.allowed);
        this.denyIndex = new DomainIndex(this.denied);
    }

    /** No network: the built-in default. */
    public static NetworkPolicy off() {
        return new NetworkPolicy(NetworkMode.OFF, List.of(), List.of(), UnknownDomains.ASK, "default", false, false);
    }

    /** A proxied policy from plain strings, every entry attributed to {@code source} (tests, tools). */
    public static NetworkPolicy proxied(List<String> allowed, List<String> denied, UnknownDomains unknown,
                                        boolean allowLocalBinding, String source) throws InvalidHostException {
        List<DomainRule> allow = new ArrayList<>(allowed.size());
        for (String entry : allowed) {
            allow.add(DomainRule.allow(entry, source, false));
        }
        List<DomainRule> deny = new ArrayList<>(denied.size());
        for (String entry : denied) {
            deny.add(DomainRule.deny(entry, source, false));
        }
        return new NetworkPolicy(NetworkMode.PROXIED, allow, deny, unknown, source, false, allowLocalBinding);
    }

    public NetworkMode mode() {
        return mode;
    }

    public List<DomainRule> allowed() {
        return allowed;
    }

    public List<DomainRule> denied() {
        return denied;
    }

    public UnknownDomains unknown() {
        return unknown;
    }

    public String unknownSource() {
        return unknownSource;
    }

    public boolean managedOnly() {
        return managedOnly;
    }

    public boolean allowLocalBinding() {
        return allowLocalBinding;
    }

    /** The decision for {@code host:port} as named by the client (a name or an address literal). */
    public HostVerdict decide(CanonicalHost host, int port) {
        DomainRule deny = denyIndex.match(host, port);
        if (deny != null) {
            return new HostVerdict.Denied(deny);
        }
        DomainRule allow = allowIndex.match(host, port);
        if (allow != null) {
            return new HostVerdict.Allowed(allow);
        }
        if (unknown == UnknownDomains.ASK) {
            return new HostVerdict.Ask(unknownSource);
        }
        return new HostVerdict.NotAllowed(managedOnly ? "managed_allowed_domains_only = true" : "unknown = \"deny\"",
                unknownSource);
    }

    /**
     * The decision for one address the host resolved to (or the literal itself). A non-public address
     * passes only when an address or network entry of {@code allowed_domains} covers it (whatever its
     * port: the port was already decided on the name), or {@code allow_local_binding} is on; a denied
     * address or network entry refuses it in any case.
     */
    public AddressVerdict checkAddress(InetAddress address, int port) {
        DomainRule deny = denyIndex.covering(address, port, true);
        if (deny != null) {
            return new AddressVerdict.Denied(deny);
        }
        AddressClass kind = AddressClass.of(address);
        if (kind.isPublic() || allowLocalBinding) {
            return new AddressVerdict.Permitted(kind, java.util.Optional.empty());
        }
        DomainRule exemption = allowIndex.covering(address, port, false);
        if (exemption != null) {
            return new AddressVerdict.Permitted(kind, java.util.Optional.of(exemption));
        }
        return new AddressVerdict.Local(kind);
    }

    /** The {@code allowed_domains} entry that would allow exactly {@code host:port}: {@code "example.com"}, {@code "example.com:22"}. */
    public static String allowEntryFor(CanonicalHost host, int port) {
        PortRule ports = port == 80 || port == 443 ? new PortRule.Web() : new PortRule.Exactly(port);
        return switch (host) {
            case CanonicalHost.Name name -> new DomainPattern.Exact(name.text(), ports).text();
            case CanonicalHost.Ip ip -> new DomainPattern.Address(ip.address(), ports).text();
        };
    }

    /** The entry that exempts one local address from the local-address check: {@code "127.0.0.1/32"}, {@code "::1/128"}. */
    public static String allowEntryForAddress(InetAddress address) {
        return new DomainPattern.Network(address, address.getAddress().length * 8, new PortRule.Web()).text();
    }

    @Override
    public String toString() {
        return "NetworkPolicy[mode=" + mode.wireName() + ", allowed=" + allowed.stream().map(r -> r.pattern().text()).toList()
                + ", denied=" + denied.stream().map(r -> r.pattern().text()).toList() + ", unknown=" + unknown.wireName() + (managedOnly ? " (managed only)" : "")
                + ", allow_local_binding=" + allowLocalBinding + "]";
    }
}

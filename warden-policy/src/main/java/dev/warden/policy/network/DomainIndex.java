package dev.warden.policy.network;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One list of rules, indexed so that a decision costs a few hash lookups per label of the host rather
 * than a scan of every pattern: the proxy asks on every connection and the policy engine on its hot path.
 * Address and network rules are few in practice and are scanned.
 */
final class DomainIndex {
    private final Map<String, List<DomainRule>> exact = new HashMap<>();
    private final Map<String, List<DomainRule>> apex = new HashMap<>();
    private final Map<String, List<DomainRule>> subdomains = new HashMap<>();
    private final List<DomainRule> addresses = new ArrayList<>();

    DomainIndex(List<DomainRule> rules) {
        for (DomainRule rule : rules) {
            switch (rule.pattern()) {
                case DomainPattern.Exact e -> exact.computeIfAbsent(e.name(), k -> new ArrayList<>()).add(rule);
                case DomainPattern.ApexAndSubdomains a -> apex.computeIfAbsent(a.suffix(), k -> new ArrayList<>()).add(rule);
                case DomainPattern.Subdomains s -> subdomains.computeIfAbsent(s.suffix(), k -> new ArrayList<>()).add(rule);
                case DomainPattern.Address a -> addresses.add(rule);
                case DomainPattern.Network n -> addresses.add(rule);
            }
        }
    }

    /** The first rule covering {@code host:port}, most specific kind first, or null. */
    DomainRule match(CanonicalHost host, int port) {
        return switch (host) {
            case CanonicalHost.Ip ip -> covering(ip.address(), port, true);
            case CanonicalHost.Name name -> matchName(name.text(), port);
        };
    }

    private DomainRule matchName(String name, int port) {
        DomainRule found = first(exact.get(name), port);
        if (found != null) {
            return found;
        }
        found = first(apex.get(name), port);
        for (int dot = name.indexOf('.'); found == null && dot >= 0; dot = name.indexOf('.', dot + 1)) {
            String suffix = name.substring(dot + 1);
            found = first(subdomains.get(suffix), port);
            if (found == null) {
                found = first(apex.get(suffix), port);
            }
        }
        return found;
    }

    /** The first address or network rule covering {@code address} (on {@code port} if {@code portMatters}), or null. */
    DomainRule covering(InetAddress address, int port, boolean portMatters) {
        for (DomainRule rule : addresses) {
            if (portMatters ? rule.pattern().coversAddress(address, port) : rule.pattern().coversAddress(address)) {
                return rule;
            }
        }
        return null;
    }

    private static DomainRule first(List<DomainRule> rules, int port) {
        if (rules == null) {
            return null;
        }
        for (DomainRule rule : rules) {
            if (rule.pattern().ports().includes(port)) {
                return rule;
            }
        }
        return null;
    }
}

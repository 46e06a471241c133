package dev.warden.agents.session;

import dev.warden.proxy.Resolver;
import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code WARDEN_TEST_HOSTS=name=127.0.0.1,other=::1}: names the proxy resolves to loopback without asking
 * DNS, so tests (and demos on machines without DNS) can reach servers on this machine by name.
 *
 * <p>Fail closed: only loopback addresses may be given, so the variable can point a name at this machine
 * and nowhere else, and the proxy still refuses a loopback destination unless {@code allow_local_binding}
 * or an address entry allows it: the hook cannot open anything the configuration does not. A malformed
 * value is an error, never ignored; a set value is announced on every run that starts a proxy.
 */
public final class TestHosts {
    public static final String VARIABLE = "WARDEN_TEST_HOSTS";

    private TestHosts() {}

    /** The names {@code environment} maps, empty when the variable is unset or empty. */
    public static Map<String, InetAddress> parse(Map<String, String> environment) throws SessionRefused {
        String value = environment.getOrDefault(VARIABLE, "").strip();
        Map<String, InetAddress> names = new LinkedHashMap<>();
        if (value.isEmpty()) {
            return names;
        }
        for (String entry : value.split(",")) {
            int equals = entry.indexOf('=');
            String name = equals < 0 ? "" : entry.substring(0, equals).strip().toLowerCase(Locale.ROOT);
            String address = equals < 0 ? "" : entry.substring(equals + 1).strip();
            if (name.isEmpty() || !name.matches("[a-z0-9.-]{1,253}") || address.isEmpty()) {
                throw new SessionRefused(VARIABLE + ": expected name=address[,name=address...], got \"" + entry.strip()
                        + "\"; unset it outside tests");
            }
            InetAddress parsed;
            try {
                parsed = InetAddress.ofLiteral(address);
            } catch (IllegalArgumentException e) {
                throw new SessionRefused(VARIABLE + ": \"" + address + "\" for " + name + " is not an IP address");
            }
            if (!parsed.isLoopbackAddress()) {
                throw new SessionRefused(VARIABLE + ": " + name + " may only map to a loopback address, not " + address
                        + " (the hook exists to reach test servers on this machine)");
            }
            names.put(name, parsed);
        }
        return names;
    }

    /** Resolves the mapped names to their loopback address and everything else as the system does. */
    public static Resolver resolver(Map<String, InetAddress> names) {
        Resolver system = Resolver.system();
        if (names.isEmpty()) {
            return system;
        }
        return name -> {
            InetAddress mapped = names.get(name);
            return mapped != null ? List.of(InetAddress.getByAddress(name, mapped.getAddress())) : system.resolve(name);
        };
    }

    /** The warning shown and recorded when the hook is in use. */
    public static Optional<String> warning(Map<String, InetAddress> names) {
        if (names.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder text = new StringBuilder(VARIABLE + " is set (a test hook): the proxy resolves ");
        names.forEach((name, address) -> text.append(name).append(" to ").append(address.getHostAddress()).append(", "));
        return Optional.of(text.substring(0, text.length() - 2));
    }
}

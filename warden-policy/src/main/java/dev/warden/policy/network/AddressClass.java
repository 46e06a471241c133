package dev.warden.policy.network;

import java.net.Inet4Address;
import java.net.InetAddress;

/**
 * What kind of network an address belongs to. Everything but {@link #PUBLIC} is where an agent should not
 * go by accident: this machine, the local network, the cloud metadata service (169.254.169.254), the
 * carrier's NAT. IPv6 forms that embed an IPv4 address (mapped, compatible, NAT64, 6to4) are classified
 * by the address they embed, so {@code 64:ff9b::a00:1} is as private as {@code 10.0.0.1}.
 */
public enum AddressClass {
    PUBLIC("a public address"),
    LOOPBACK("a loopback address"),
    PRIVATE("a private-network address"),
    LINK_LOCAL("a link-local address (cloud metadata services live here)"),
    CGNAT("a carrier-grade NAT address (100.64.0.0/10)"),
    MULTICAST("a multicast address"),
    UNSPECIFIED("the unspecified address"),
    UNIQUE_LOCAL("an IPv6 unique-local address"),
    RESERVED("a reserved, special-purpose address");

    private final String description;

    AddressClass(String description) {
        this.description = description;
    }

    /** {@code a loopback address}: reads after "resolved to 127.0.0.1, ". */
    public String description() {
        return description;
    }

    public boolean isPublic() {
        return this == PUBLIC;
    }

    public static AddressClass of(InetAddress address) {
        byte[] b = address.getAddress();
        return address instanceof Inet4Address ? ipv4(b, 0) : ipv6(b);
    }

    private static AddressClass ipv4(byte[] b, int at) {
        int a0 = b[at] & 0xff;
        int a1 = b[at + 1] & 0xff;
        int a2 = b[at + 2] & 0xff;
        if (a0 == 0) {
            return UNSPECIFIED; // 0.0.0.0/8: "this network"; connecting to 0.0.0.0 reaches this host on Linux
        }
        if (a0 == 127) {
            return LOOPBACK;
        }
        if (a0 == 10 || (a0 == 172 && (a1 & 0xf0) == 16) || (a0 == 192 && a1 == 168)) {
            return PRIVATE;
        }
        if (a0 == 169 && a1 == 254) {
            return LINK_LOCAL;
        }
        if (a0 == 100 && (a1 & 0xc0) == 64) {
            return CGNAT;
        }
        if (a0 >= 224 && a0 <= 239) {
            return MULTICAST;
        }
        if (a0 >= 240 || (a0 == 192 && a1 == 0 && a2 == 0) || (a0 == 198 && (a1 & 0xfe) == 18)) {
            return RESERVED; // 240/4 and broadcast, IETF protocol assignments, benchmarking 198.18/15
        }
        return PUBLIC;
    }

    private static AddressClass ipv6(byte[] b) {
        boolean zero96 = true;
        for (int i = 0; i < 12; i++) {
            zero96 &= b[i] == 0;
        }
        if (zero96) {
            int last = ((b[12] | b[13] | b[14]) & 0xff);
            if (last == 0 && (b[15] & 0xff) <= 1) {
                return (b[15] & 0xff) == 1 ? LOOPBACK : UNSPECIFIED;
            }
            return worst(ipv4(b, 12), RESERVED); // deprecated IPv4-compatible ::a.b.c.d
        }
        boolean mapped = true;
        for (int i = 0; i < 10; i++) {
            mapped &= b[i] == 0;
        }
        if (mapped && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
            return ipv4(b, 12);
        }
        int g0 = ((b[0] & 0xff) << 8) | (b[1] & 0xff);
        if (g0 == 0x0064 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b) {
            return worst(ipv4(b, 12), PUBLIC); // NAT64 64:ff9b::/96: the gateway reaches the embedded address
        }
        if (g0 == 0x2002) {
            return ipv4(b, 2); // 6to4: the gateway is the embedded IPv4 address
        }
        if ((g0 & 0xfe00) == 0xfc00) {
            return UNIQUE_LOCAL;
        }
        if ((g0 & 0xffc0) == 0xfe80) {
            return LINK_LOCAL;
        }
        if ((g0 & 0xffc0) == 0xfec0) {
            return PRIVATE; // deprecated site-local, still routed inside some networks
        }
        if ((g0 & 0xff00) == 0xff00) {
            return MULTICAST;
        }
        return PUBLIC;
    }

    /** The embedded address's class unless it is public, in which case {@code otherwise}. */
    private static AddressClass worst(AddressClass embedded, AddressClass otherwise) {
        return embedded.isPublic() ? otherwise : embedded;
    }
}

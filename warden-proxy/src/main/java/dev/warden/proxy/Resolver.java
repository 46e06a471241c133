package dev.warden.proxy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Turns an allowed host name into addresses. The proxy calls it once per connection, checks every
 * address it returns, and connects only to those: there is no second lookup a DNS rebinding attack
 * could answer differently. Tests map names to loopback servers (this machine has no DNS).
 */
@FunctionalInterface
public interface Resolver {

    /** Every address of a canonical DNS name (never an address literal); empty or an exception if none. */
    List<InetAddress> resolve(String name) throws UnknownHostException;

    /** The JDK's resolver ({@link InetAddress#getAllByName}). */
    static Resolver system() {
        return name -> List.of(InetAddress.getAllByName(name));
    }
}

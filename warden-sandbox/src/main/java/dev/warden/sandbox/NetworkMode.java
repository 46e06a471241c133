package dev.warden.sandbox;

/** How much network a sandboxed process gets. */
public enum NetworkMode {
    /** No network: only unix sockets that stay inside the sandbox. */
    OFF,
    /** Only through Warden's egress proxy (TCP to the proxy's port). */
    PROXIED,
    /** The host's network, unrestricted. */
    FULL
}

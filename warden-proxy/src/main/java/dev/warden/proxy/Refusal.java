package dev.warden.proxy;

/**
 * Why the proxy refused a connection, as sent in {@code X-Warden-Error} and recorded in events. SOCKS
 * clients get {@link #socksReply()} instead: the policy refusals are "connection not allowed by
 * ruleset" (0x02), a malformed request is "general failure" (0x01).
 */
public enum Refusal {
    /** A {@code denied_domains} entry matched the host or one of its addresses. */
    DENIED_DOMAIN("denied-domain", 0x02),
    /** On neither list, and unknown hosts are denied. */
    NOT_ALLOWED("not-allowed", 0x02),
    /** The host resolved to (or is) a loopback, private, link-local... address that nothing allows. */
    LOCAL_ADDRESS("local-address", 0x02),
    /** A person (or the approval channel) said no, or did not answer in time. */
    ASK_DENIED("ask-denied", 0x02),
    /** The request could not be read: malformed, too large, too slow, an unreadable host. */
    BAD_REQUEST("bad-request", 0x01),
    /** No credential, or not this session's credential. */
    UNAUTHENTICATED("unauthenticated", 0x02);

    private final String wireName;
    private final int socksReply;

    Refusal(String wireName, int socksReply) {
        this.wireName = wireName;
        this.socksReply = socksReply;
    }

    /** The {@code X-Warden-Error} value. */
    public String wireName() {
        return wireName;
    }

    /** The SOCKS5 reply code (RFC 1928 section 6). */
    public int socksReply() {
        return socksReply;
    }
}

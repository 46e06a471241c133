/** The proxy's wire formats read strictly and with hard limits: HTTP/1.1 request heads, request targets and authorities, SOCKS5 messages. */
package dev.warden.proxy.wire;

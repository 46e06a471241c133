/** The per-session egress proxy: one loopback listener speaking HTTP (absolute-form and CONNECT) and SOCKS5 that lets a sandboxed command reach only what the network policy allows. */
package dev.warden.proxy;

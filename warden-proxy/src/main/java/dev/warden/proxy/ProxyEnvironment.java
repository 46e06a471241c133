package dev.warden.proxy;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The environment a sandboxed command needs to reach the network through its proxy. Most tools read
 * {@code HTTP_PROXY}/{@code HTTPS_PROXY}/{@code ALL_PROXY} (curl only the lower-case {@code http_proxy},
 * so both cases are set); a few need their own spelling. {@code NO_PROXY} is set and empty so that an
 * inherited value cannot send anything around the proxy. Git over SSH cannot pass an HTTP proxy, so
 * {@code GIT_SSH_COMMAND} fails with a message that says what to do instead of hanging on a dead route.
 */
public final class ProxyEnvironment {
    private ProxyEnvironment() {}

    /** Shown by git when a remote is {@code ssh://} or {@code git@host:repo}. */
    static final String SSH_REFUSAL = "warden: git over SSH cannot go through the egress proxy;"
            + " use an https:// remote (its host must be in [network] allowed_domains)";

    /**
     * @param proxy  the credential's URL, {@code http://warden:TOKEN@127.0.0.1:PORT}
     * @return variable name to value, in a stable order
     */
    public static Map<String, String> variables(URI proxy) {
        Objects.requireNonNull(proxy, "proxy");
        if (!"http".equals(proxy.getScheme()) || proxy.getHost() == null || proxy.getPort() < 1) {
            throw new IllegalArgumentException("expected http://user:token@host:port, got a URL without those parts");
        }
        String url = proxy.toString();
        Map<String, String> env = new LinkedHashMap<>();
        for (String name : new String[] {"HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"}) {
            env.put(name, url);
            env.put(name.toLowerCase(java.util.Locale.ROOT), url);
        }
        env.put("NO_PROXY", "");
        env.put("no_proxy", "");
        // npm and yarn 1 read npm_config_*; yarn 2+ has its own names; pip its own.
        env.put("npm_config_proxy", url);
        env.put("npm_config_https_proxy", url);
        env.put("npm_config_noproxy", "");
        env.put("YARN_HTTP_PROXY", url);
        env.put("YARN_HTTPS_PROXY", url);
        env.put("PIP_PROXY", url);
        // Node's built-in fetch ignores HTTP_PROXY unless asked (Node 22.21 / 24.5 and later).
        env.put("NODE_USE_ENV_PROXY", "1");
        env.put("GIT_SSH_COMMAND", "echo '" + SSH_REFUSAL + "' >&2; exit 128; :");
        env.put("JAVA_TOOL_OPTIONS", javaOptions(proxy));
        return env;
    }

    /**
     * The JDK's proxy properties. Java has no property for proxy credentials, so the user name and token
     * go where Gradle, Maven's wagon and Apache HttpClient look ({@code http.proxyUser}...), and Basic
     * authentication is re-enabled for CONNECT (the JDK disables it for tunnels by default).
     * {@code nonProxyHosts} is emptied: Java's default would skip the proxy for localhost.
     */
    private static String javaOptions(URI proxy) {
        String host = proxy.getHost();
        int port = proxy.getPort();
        StringBuilder options = new StringBuilder();
        for (String scheme : new String[] {"http", "https"}) {
            options.append(" -D").append(scheme).append(".proxyHost=").append(host)
                    .append(" -D").append(scheme).append(".proxyPort=").append(port);
            String userInfo = proxy.getRawUserInfo();
            if (userInfo != null && userInfo.indexOf(':') > 0) {
                options.append(" -D").append(scheme).append(".proxyUser=").append(userInfo, 0, userInfo.indexOf(':'))
                        .append(" -D").append(scheme).append(".proxyPassword=").append(userInfo.substring(userInfo.indexOf(':') + 1));
            }
        }
        options.append(" -Dhttp.nonProxyHosts= -Djdk.http.auth.tunneling.disabledSchemes= -Djdk.http.auth.proxying.disabledSchemes=");
        return options.toString().strip();
    }
}

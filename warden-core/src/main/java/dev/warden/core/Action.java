package dev.warden.core;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What an agent asks to do, as data. Every front door turns a request into one of these and sends it
 * down the single decision path; nothing decides on anything else.
 */
public sealed interface Action {

    /** Run a program: {@code argv[0]} with its arguments, in {@code cwd}, with {@code env} as asked. */
    record Exec(List<String> argv, Path cwd, Map<String, String> env) implements Action {
        public Exec {
            argv = List.copyOf(argv);
            if (argv.isEmpty()) {
                throw new IllegalArgumentException("an exec action needs at least a program name");
            }
            Objects.requireNonNull(cwd, "cwd");
            env = Map.copyOf(env);
        }

        public Exec(List<String> argv, Path cwd) {
            this(argv, cwd, Map.of());
        }
    }

    /** Read a file or list a directory. */
    record FileRead(Path path) implements Action {
        public FileRead {
            Objects.requireNonNull(path, "path");
        }
    }

    /** Create, modify or delete a file. */
    record FileWrite(Path path) implements Action {
        public FileWrite {
            Objects.requireNonNull(path, "path");
        }
    }

    /** Open a connection to {@code host:port}; {@code protocol} is e.g. "http", "https", "socks5", "tcp". */
    record NetworkConnect(String host, int port, String protocol) implements Action {
        public NetworkConnect {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(protocol, "protocol");
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
        }
    }

    /** Call a tool on an MCP server; {@code argumentsJson} is the call's arguments as sent. */
    record McpCall(String server, String tool, String argumentsJson) implements Action {
        public McpCall {
            Objects.requireNonNull(server, "server");
            Objects.requireNonNull(tool, "tool");
            Objects.requireNonNull(argumentsJson, "argumentsJson");
        }
    }
}

package dev.warden.approvals;

import dev.warden.core.Action;

/**
 * What a grant or a persisted approval is about, and so how its prefix is matched: command words (argv prefix, per
 * segment), a network destination (exactly {@code host:port}), an MCP tool
 * ({@code server}, then optionally {@code tool}), or a file path (the path and everything below it).
 */
public enum GrantKind {
    COMMAND,
    NETWORK,
    MCP_TOOL,
    FILE_READ,
    FILE_WRITE;

    public static GrantKind of(Action action) {
        return switch (action) {
            case Action.Exec e -> COMMAND;
            case Action.NetworkConnect n -> NETWORK;
            case Action.McpCall m -> MCP_TOOL;
            case Action.FileRead r -> FILE_READ;
            case Action.FileWrite w -> FILE_WRITE;
        };
    }
}

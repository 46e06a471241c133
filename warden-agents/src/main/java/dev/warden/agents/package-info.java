/** Front doors agents already use — the MCP server, Claude Code hooks, the daemon — all sending actions down the one decision path. */
package dev.warden.agents;

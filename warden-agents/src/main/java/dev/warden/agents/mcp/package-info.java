/** {@code warden mcp}: an MCP server over stdio whose tools go through policy, approvals, the sandbox and the audit trail. */
package dev.warden.agents.mcp;

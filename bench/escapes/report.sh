# Sourced by bench/escapes-compare.sh: renders results.tsv, policy.tsv and titles.tsv as markdown, with
# the settings each tool ran under and the cases left out.

report() {
  cat <<EOF
Produced by \`bench/escapes-compare.sh${ESCAPES_AS_UID:+ (ESCAPES_AS_UID=$ESCAPES_AS_UID)}\` on $(date -u '+%Y-%m-%d').
Raw logs (each run's command line, stdout, stderr, exit status): \`target/bench/$NAME/\`.

\`\`\`
$(cat "$LOGS/machine.txt")
\`\`\`

Each cell is a real run of the attempt under that tool, judged by looking at the host afterwards (files,
listeners, the attempt's output for secrets). **contained**: no part of the attempt got through.
**NOT contained**: every part got through. **partly**: some parts got through (not contained, by ESCAPES.md's
definition); the note names them. The control runs the same attempt with no sandbox: a part the control
could not do either proves nothing about the tools.

EOF
  awk -F'\t' '
    function cell(v, n) {
      gsub(/\|/, "/", n)
      if (v == "NOT contained" || v == "partly" || v == "error") v = "**" v "**"
      return n == "" ? v : v ": " n
    }
    FILENAME ~ /titles/ { title[$1] = $2; order[++rows] = $1; next }
    FILENAME ~ /policy/ { policy[$1] = $2; next }
    { verdict[$1, $2] = $3; note[$1, $2] = $4 }
    END {
      split("none warden-bwrap warden-landlock codex srt", tool, " ")
      print "| # | attempt | no sandbox (control) | Warden, bwrap | Warden, Landlock | codex sandbox | srt | Warden policy on the same script inline |"
      print "|---|---|---|---|---|---|---|---|"
      for (i = 1; i <= rows; i++) {
        c = order[i]
        t = title[c]
        gsub(/\|/, "/", t)
        line = "| " c " | " t
        for (k = 1; k <= 5; k++) {
          v = verdict[c, tool[k]]
          n = note[c, tool[k]]
          if (k == 1 && v == "contained") n = "control did not escape: this row proves nothing" (n == "" ? "" : "; " n)
          line = line " | " cell(v, n)
        }
        p = policy[c]
        gsub(/\|/, "/", p)
        print line " | " p " |"
      }
    }' "$LOGS/titles.tsv" "$LOGS/policy.tsv" "$RESULTS" | sed "s#$FX#\$FX#g; s#$WORK#\$WORK#g"
  cat <<'EOF'
| 24 | `LD_PRELOAD` / `BASH_ENV` set by the caller | not run: from a command line the caller's environment is the launcher's own (`LD_PRELOAD=x warden exec ...` preloads Warden's JVM, and the same holds for codex and srt), so the case needs an API that takes the sandbox's environment separately; Warden's JUnit suite runs it through `SandboxBackend.launch` | | | | | |
| 31–36 | proxied network (denied domains, proxy bypass, rebinding, odd host names, ports, proxy credentials) | not run here: needs each tool's proxy configured with an allow list and a local target per case; Warden's `ProxiedNetworkEscapes` and `ProxiedExecIT` cover its own proxy | | | | | |

The last column is what `warden check -- bash -c 'SCRIPT'` says about the case's attempt written inline,
under the same configuration: the policy engine refuses some attempts before any sandbox starts
(`ask` refuses, since approvals are not wired into `exec` yet). The tool columns run the attempt as a
script file (`bash FILE`), which the engine cannot read and allows into the sandbox under
`approval_policy = "on-request"`: that is what isolates the kernel boundary.

### Settings

The same intent in each tool's words: the workspace (a git repository, the working directory) writable,
the network off, `~/.ssh`, `~/.aws` and `**/*.env` unreadable; case 5 adds `$FX/shared` and case 28
`$FX/ws/build` as writable roots. Every tool keeps its built-in protections. `$FX` is the fixture folder
under `/var/tmp` (not `/tmp`: Warden gives each command a private `/tmp` and codex makes `/tmp` writable, so
fixtures there would be hidden or writable for the wrong reason). The environment is `env -i` with
`PATH`, `HOME=$FX/home`, `LANG`, `USER` and three secrets (`AWS_SECRET_ACCESS_KEY`, `GITHUB_TOKEN`,
`SSH_AUTH_SOCK`), plus each tool's home variable.

EOF
  fixture
  local f
  for f in "Warden (\`\$WARDEN_HOME/config.toml\`; \`./warden exec -c sandbox_backend=bwrap|landlock -- bash FILE\`)@@$WORK/warden-home/config.toml" \
    "codex (\`\$CODEX_HOME/config.toml\`; \`codex sandbox -- bash FILE\`)@@$CODEX_HOME_DIR/config.toml" \
    "srt (\`srt -s settings.json -c 'bash FILE'\`)@@$WORK/srt.json"; do
    printf '%s:\n\n```\n' "${f%%@@*}"
    sed "s#$FX#\$FX#g" "${f##*@@}"
    printf '```\n\n'
  done
}

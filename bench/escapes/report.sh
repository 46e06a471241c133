# Sourced by bench/escapes-compare.sh: renders results.tsv, policy.tsv and titles.tsv as markdown.

report() {
  cat <<EOF
## Escape suite side by side

Produced by \`bench/escapes-compare.sh\` on $(date -u '+%Y-%m-%d'). Raw logs (each run's command line, stdout,
stderr, exit status): \`target/bench/escapes-compare/\`.

\`\`\`
$(cat "$LOGS/machine.txt")
\`\`\`

Every cell is a real run of the attempt under that tool, judged by looking at the host afterwards.
**contained**: nothing the case forbids happened. **NOT contained**: every part of the attempt got through.
**partly**: some parts got through (counts as not contained under ESCAPES.md). The control column runs
the same attempt with no sandbox and must show the escape, or the row proves nothing.

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
      print "| # | attempt | no sandbox (control) | Warden, bwrap | Warden, Landlock | codex sandbox | srt | Warden policy on the inline script |"
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
    }' "$LOGS/titles.tsv" "$LOGS/policy.tsv" "$RESULTS"
}

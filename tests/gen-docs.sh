#!/bin/sh
# The tables of docs/record-format.md, docs/rules.md and docs/configuration.md
# between their "generated" markers come from `decrec fields`, `decrec rules`
# and `decrec labels`.
# usage: gen-docs.sh DECREC update|check
set -e
bin=$1 mode=$2 status=0
for pair in fields:docs/record-format.md rules:docs/rules.md labels:docs/configuration.md; do
	cmd=${pair%%:*} doc=${pair#*:}
	tmp=$(mktemp)
	"$bin" "$cmd" > "$tmp.table"
	awk -v table="$tmp.table" '
		/<!-- BEGIN generated/ { print; while ((getline l < table) > 0) print l; skip = 1; next }
		/<!-- END generated/ { skip = 0 }
		!skip' "$doc" > "$tmp"
	if [ "$mode" = update ]; then
		cat "$tmp" > "$doc"
	elif ! cmp -s "$tmp" "$doc"; then
		echo "$doc is out of date with 'decrec $cmd': run make docs" >&2
		status=1
	fi
	rm -f "$tmp" "$tmp.table"
done
# Each rule's "**Fix**:" paragraph in docs/rules.md is its fix in the rule
# table (`decrec rules --fixes`), the text SARIF gives as the rule's help,
# wrapped at 89 columns.
tmp=$(mktemp)
"$bin" rules --fixes > "$tmp.fixes"
awk -v fixes="$tmp.fixes" '
	function wrap(s,   w, n, i, line) {
		n = split(s, w, " ")
		line = w[1]
		for (i = 2; i <= n; i++)
			if (length(line) + 1 + length(w[i]) > 89) { print line; line = w[i] }
			else line = line " " w[i]
		print line
	}
	BEGIN {
		while ((getline l < fixes) > 0) {
			t = index(l, "\t")
			fix[substr(l, 1, t - 1)] = substr(l, t + 1)
		}
	}
	/^## / { rule = substr($0, 4) }
	/^\*\*Fix\*\*: / && (rule in fix) {
		f = fix[rule]
		wrap("**Fix**: " tolower(substr(f, 1, 1)) substr(f, 2))
		done[rule] = 1
		skip = 1
		next
	}
	skip && /^$/ { skip = 0 }
	!skip { print }
	END {
		for (r in fix)
			if (!(r in done))
				printf "docs/rules.md: section %s has no **Fix**: paragraph\n", r > "/dev/stderr"
	}' docs/rules.md > "$tmp"
if [ "$mode" = update ]; then
	cat "$tmp" > docs/rules.md
elif ! cmp -s "$tmp" docs/rules.md; then
	echo "docs/rules.md's Fix paragraphs are out of date with 'decrec rules --fixes': run make docs" >&2
	status=1
fi
rm -f "$tmp" "$tmp.fixes"
# Every rule has its own section in docs/rules.md.
for rule in $("$bin" rules | sed -n 's/^| \[`\([a-z-]*\)`.*/\1/p'); do
	if ! grep -qx "## $rule" docs/rules.md; then
		echo "docs/rules.md has no section '## $rule'" >&2
		status=1
	fi
done
exit $status

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
# Every rule has its own section in docs/rules.md.
for rule in $("$bin" rules | sed -n 's/^| \[`\([a-z-]*\)`.*/\1/p'); do
	if ! grep -qx "## $rule" docs/rules.md; then
		echo "docs/rules.md has no section '## $rule'" >&2
		status=1
	fi
done
exit $status

#!/bin/sh
# Builds the seed corpora of the fuzz targets under OUTDIR/<target>/ from the
# project's records, test cases and templates and from the shared
# conformance data ($SHARED, default ../shared), which is read, never copied
# into the project. Usage: tests/fuzz/seeds.sh OUTDIR (from the project root).
set -e
[ $# -eq 1 ] || { echo "usage: $0 OUTDIR" >&2; exit 2; }
out=$1
shared=${SHARED:-../shared}
for t in record template render config date; do
	rm -rf "${out:?}/$t"
	mkdir -p "$out/$t"
done

# Copies files to dir, each under a name made unique by its path.
seed() {
	dir=$1
	shift
	for f in "$@"; do
		[ -f "$f" ] || continue
		cp "$f" "$out/$dir/$(printf '%s' "$f" | tr '/' '_')"
	done
}

records="records/*.yaml tests/render/*.yaml"
cases=$(find tests/cases -name '*.yaml' ! -name '*.decrec.yaml' | sort)
# shellcheck disable=SC2086
seed record $records $cases
# shellcheck disable=SC2086
seed render $records $cases tests/plan/*/*.yaml
if [ -d "$shared/conformance/yaml-test-suite" ]; then
	for f in "$shared"/conformance/yaml-test-suite/*/in.yaml; do
		case=$(basename "$(dirname "$f")")
		cp "$f" "$out/record/yaml-test-suite_$case"
	done
else
	echo "seeds: $shared/conformance/yaml-test-suite is missing: record seeds without the YAML test suite" >&2
fi

# Configs: the test cases', the project's, and one with a holidays file (the
# text after the NUL byte) cut from GOV.UK's data to a few events per division.
seed config decrec.yaml tests/cases/*.decrec.yaml tests/plan/*.yaml
holidays="$shared/data/bank-holidays.json"
if [ -f "$holidays" ] && command -v python3 >/dev/null 2>&1; then
	python3 - "$holidays" "$out/config/holidays-file" <<'EOF'
import json, sys
data = json.load(open(sys.argv[1], encoding="utf-8"))
for div in data.values():
    div["events"] = [e for e in div["events"] if e["date"].startswith("2024")]
with open(sys.argv[2], "wb") as f:
    f.write(b"calendar:\n  division: scotland\n  holidays_file: holidays.json\n"
            b"  closures: [2024-12-27]\n\0")
    f.write(json.dumps(data, indent=1, ensure_ascii=False).encode("utf-8"))
EOF
else
	echo "seeds: no $holidays or no python3: config seeds without a holidays file" >&2
fi

# Templates: each Mustache spec test as template, NUL, its data as JSON (its
# partials are not served: the target serves its own), and the built-in
# templates with a record as data.
spec="$shared/conformance/mustache-spec"
if [ -d "$spec" ] && command -v python3 >/dev/null 2>&1; then
	python3 - "$spec" "$out/template" <<'EOF'
import glob, json, os, sys
spec, out = sys.argv[1], sys.argv[2]
for path in sorted(glob.glob(os.path.join(spec, "*.json"))):
    stem = os.path.basename(path)[:-5].lstrip("~")
    for i, t in enumerate(json.load(open(path, encoding="utf-8"))["tests"]):
        if not isinstance(t.get("template"), str):
            continue
        with open(os.path.join(out, "spec_%s_%03d" % (stem, i)), "wb") as f:
            f.write(t["template"].encode("utf-8") + b"\0")
            f.write(json.dumps(t.get("data")).encode("utf-8"))
EOF
elif [ -d "$spec" ]; then
	echo "seeds: no python3: the Mustache spec files seed whole" >&2
	seed template "$spec"/*.json
else
	echo "seeds: $spec is missing: template seeds without the Mustache spec" >&2
fi
for tpl in templates/*.html templates/*.md; do
	for r in records/24-00058.yaml tests/render/hostile.yaml; do
		{ cat "$tpl"; printf '\0'; cat "$r"; } >"$out/template/$(basename "$tpl")_$(basename "$r")"
	done
done

# Dates: both forms, edges of the calendar and of the holiday data, and
# every date the records hold.
n=0
for d in 2024-07-19 19/07/2024 2024-02-29 2023-02-29 29/02/2100 0001-01-01 9999-12-31 \
	31/12/9999 2011-12-31 2012-01-01 2027-12-31 2028-01-01 00/00/0000 2024-13-01; do
	n=$((n + 1))
	printf '%s' "$d" >"$out/date/edge_$n"
done
# shellcheck disable=SC2086
grep -oh '[0-9]\{4\}-[0-9][0-9]-[0-9][0-9]' $records | sort -u | while read -r d; do
	printf '%s' "$d" >"$out/date/record_$d"
done

# Dictionaries (OUTDIR/<target>.dict, libFuzzer's format): the record
# fields from src/fields.def, the config keys from src/config.c, and the
# syntax of YAML, Markdown, HTML and Mustache.
dict() {
	for w in "$@"; do printf '"%s"\n' "$w"; done
}
{
	sed -n 's/^X([A-Z_]*, [A-Z_]*, "\([a-z_]*\)".*/\1: /p' src/fields.def | sort -u | sed 's/.*/"&"/'
	dict '---' '? ' '- ' '|' '>-' '!!str ' '&a ' '*a' '\"' "\\x00" '[' '{' '#' ': ' \
		'](' '![' '<script' '&#106;' 'javascript:' 'data:' '`' '**' 'http://' '//' '\\' \
		'Recommendations Approved' 'For Determination' 'general-exception' 'special-urgency' \
		'2024-07-19' '19/07/2024' 'yes' 'no'
} >"$out/record.dict"
cp "$out/record.dict" "$out/render.dict"
dict '{{' '}}' '{{#' '{{/' '{{^' '{{>' '{{<' '{{$' '{{&' '{{{' '}}}' '{{!' '{{=' '=}}' \
	'{{> self}}' '{{> a}}' '{{< b}}' '{{$body}}' 'items' 'name' '.' '\x00' '[' '{' ': ' \
	'true' 'null' >"$out/template.dict"
{
	sed -n 's/^ *{"[a-z_]*\[*\]*", "\([a-z_]*\)"},$/\1: /p' src/config.c | sort -u | sed 's/.*/"&"/'
	dict 'england-and-wales' 'scotland' 'northern-ireland' 'holidays.json' 'next-day' \
		'next-working-day' 'working' 'calendar' 'error' 'warning' 'off' 'proposed' 'made' \
		'\x00' '\"events\"' '\"date\"' '\"division\"' '2024-12-25' '[' '{' '- '
} >"$out/config.dict"

# Every saved regression input seeds its own target.
for t in record template render config date; do
	for f in "tests/fuzz/regressions/$t"/*; do
		[ -f "$f" ] && cp "$f" "$out/$t/regression_$(basename "$f")"
	done
done

for t in record template render config date; do
	printf '%s: %s seeds\n' "$t" "$(find "$out/$t" -type f | wc -l)"
done

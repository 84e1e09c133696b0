#!/bin/sh
# Checks that a change to servchain changed no figure: the JSON report of
# every example and of generated orgs of 1k, 10k and 100k departments must
# be byte-identical between two builds.
#
#   bench/same_reports.sh OLD_BINARY NEW_BINARY [SIZES...]
#
# e.g. copy target/release/servchain aside before a change, rebuild, then
#   bench/same_reports.sh /tmp/servchain-before target/release/servchain
set -eu
old=$1
new=$2
shift 2
sizes=${*:-1000 10000 100000}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
generate="$root/target/release/examples/generate"
[ -x "$generate" ] || cargo build --release --quiet --example generate --manifest-path "$root/Cargo.toml"
inputs=""
for example in "$root"/examples/*; do
    inputs="$inputs $example"
done
for n in $sizes; do
    "$generate" "$n" > "$work/org-$n.yaml"
    inputs="$inputs $work/org-$n.yaml"
done
failed=0
for input in $inputs; do
    # Broken examples (problems.yaml) report their diagnostics instead:
    # the same bytes are expected either way, so both outputs are compared.
    "$old" analyze "$input" --format json > "$work/old.json" 2> "$work/old.err" || true
    "$new" analyze "$input" --format json > "$work/new.json" 2> "$work/new.err" || true
    if cmp -s "$work/old.json" "$work/new.json" && cmp -s "$work/old.err" "$work/new.err"; then
        echo "same: $input ($(wc -c < "$work/new.json") bytes)"
    else
        echo "DIFFERENT: $input"
        failed=1
    fi
done
exit $failed

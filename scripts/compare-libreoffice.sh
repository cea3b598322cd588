#!/usr/bin/env bash
# Side by side with LibreOffice: generates IDB-style workbooks of 10 and 10,000 indicators and
# times `rbf-targets compute W.xlsx --out O.xlsx` against
# `soffice --headless --convert-to xlsx W.xlsx` on the same files, alternating runs, and prints
# the median wall time of each, their ratio and the peak memory (maximum resident set) of each.
# Usage: scripts/compare-libreoffice.sh [RUNS]   (default 5 runs of each)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-5}"
command -v soffice >/dev/null || { echo "LibreOffice is needed: apt-get install libreoffice-calc-nogui"; exit 1; }
[ -x /usr/bin/time ] || { echo "GNU time is needed: apt-get install time"; exit 1; }
cargo build --release --locked --quiet
cargo build --release --locked --quiet --example large_project
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
profile="$work/lo-profile"
echo "machine: $(nproc) cores, $(grep MemTotal /proc/meminfo | awk '{print int($2/1024)" MiB"}'); $(date -u +%Y-%m-%d)"
printf '%-10s %14s %14s %8s %16s %16s\n' indicators "rbf-targets ms" "LibreOffice ms" ratio "rbf peak MiB" "LO peak MiB"
for n in 10 10000; do
    target/release/examples/large_project "$n" "$work/w$n.xlsx"
    rbf_times=(); lo_times=(); rbf_peak=0; lo_peak=0
    # A first LibreOffice run creates its profile; it is not timed.
    soffice -env:UserInstallation="file://$profile" --headless --convert-to xlsx --outdir "$work/lo" "$work/w$n.xlsx" >/dev/null 2>&1
    for _ in $(seq "$runs"); do
        start=$(date +%s%N)
        /usr/bin/time -f "%M" -o "$work/t" target/release/rbf-targets compute "$work/w$n.xlsx" --out "$work/o$n.xlsx" >/dev/null 2>&1
        rbf_times+=("$(( ($(date +%s%N) - start) / 1000000 ))"); kb=$(tail -1 "$work/t"); [ "$kb" -gt "$rbf_peak" ] && rbf_peak=$kb
        start=$(date +%s%N)
        /usr/bin/time -f "%M" -o "$work/t" soffice -env:UserInstallation="file://$profile" --headless --convert-to xlsx --outdir "$work/lo" "$work/w$n.xlsx" >/dev/null 2>&1
        lo_times+=("$(( ($(date +%s%N) - start) / 1000000 ))"); kb=$(tail -1 "$work/t"); [ "$kb" -gt "$lo_peak" ] && lo_peak=$kb
    done
    median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
    r=$(median "${rbf_times[@]}"); l=$(median "${lo_times[@]}")
    ratio=$(awk -v a="$l" -v b="$r" 'BEGIN { if (b > 0) printf "%.1fx", a / b; else print "-" }')
    printf '%-10s %14s %14s %8s %16d %16d\n' "$n" "$r" "$l" "$ratio" $((rbf_peak / 1024)) $((lo_peak / 1024))
done

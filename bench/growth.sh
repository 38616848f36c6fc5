#!/usr/bin/env bash
# The growth table of the whole build: generated leagues of 100, 250, 500, 1,000 and
# 2,000 models (60 benchmarks, 20 result dates, 20,000 news items, 10 posts), each
# built once offline, measured with /usr/bin/time -v.
#
#   bench/growth.sh [MODELS ...]      # default: 100 250 500 1000 2000
#
# Environment: WORK (scratch dir, default /tmp/league-growth), BENCHMARKS (60),
# DATES (20), NEWS (20000), POSTS (10), KEEP_TRASH (1 keeps the folders set aside in
# WORK/trash instead of removing them at the end: see aside in site.sh).
# Prints one markdown row per league: wall, CPU (user+sys), peak RSS, files, bytes,
# head-to-head pages, the largest HTML page, and the compute stage's own time from the
# build's progress output. Builds are cold (-no-cache): share images and posts are made
# again every time. A league is generated again when its parameters changed.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
work=${WORK:-/tmp/league-growth}
trash=$work/trash
. "$here/site.sh"
ms=("$@")
[ ${#ms[@]} -gt 0 ] || ms=(100 250 500 1000 2000)
[ -x /usr/bin/time ] || { echo "needs GNU time: apt-get install -y time" >&2; exit 1; }

mkdir -p "$work"
trap empty_trash EXIT
(cd "$repo" && go build -o "$work/build" ./cmd/build && go build -o "$work/genleague" ./cmd/genleague)

echo "| models | wall s | CPU s | peak RSS MB | files | MB (file bytes) | head-to-heads | largest HTML KB | compute ms |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
for m in "${ms[@]}"; do
	src="$work/league-$m"
	out="$work/out-$m"
	params="-models $m -benchmarks ${BENCHMARKS:-60} -dates ${DATES:-20} -news ${NEWS:-20000} -posts ${POSTS:-10}"
	if [ ! -f "$src/site.yaml" ] || [ "$(cat "$src.params" 2>/dev/null)" != "$params" ]; then
		aside "$src"
		# shellcheck disable=SC2086 # params is a list of flags
		"$work/genleague" -out "$src" $params >/dev/null
		echo "$params" >"$src.params"
	fi
	aside "$out"
	log="$work/build-$m.log"
	/usr/bin/time -v "$work/build" -offline -no-cache -src "$src" -out "$out" >"$log" 2>&1 || { tail -5 "$log" >&2; exit 1; }
	wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; printf "%.1f", s}' "$log")
	cpu=$(awk -F': ' '/User time/ {u=$2} /System time/ {s=$2} END {printf "%.1f", u+s}' "$log")
	rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$log")
	files=$(find "$out" -type f | wc -l)
	bytes=$(find "$out" -type f -printf '%s\n' | awk '{s+=$1} END {print s+0}')
	compute=$(awk '/^compute/ {print $(NF-1)}' "$log")
	h2h=$(awk '/^site/ {for (i=1;i<NF;i++) if ($(i+1) ~ /^head-to-heads/) print $i}' "$log")
	largest=$(find "$out" -type f -name '*.html' -printf '%s\n' | sort -n | tail -1)
	printf "| %d | %s | %s | %s | %d | %.1f | %s | %d | %s |\n" "$m" "$wall" "$cpu" "$rss" "$files" "$(echo "$bytes/1000000" | bc -l)" "$h2h" "$((largest / 1000))" "$compute"
done

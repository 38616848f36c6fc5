#!/usr/bin/env bash
# Build speed and memory of our generator against Hugo on the shared generated corpus.
#
#   bench/run.sh [N ...]            # default: 1000 10000
#
# Environment:
#   PAIRS      timed A/B pairs per N and Hugo (default 5 for N < 5000, else 3)
#   HUGOS      Hugo binaries to compare with, space-separated
#              (default: those of /tmp/hugobin/hugo /usr/bin/hugo that exist)
#   IDLE_WAIT  seconds to wait for an idle machine before each run (default 30)
#   WORK       scratch dir (default /tmp/ssg-bench)
#
# For each N it: generates the corpus with ../shared/bench/gen_corpus.py into
# $WORK/corpus-N/posts/ (if missing; the layout ../shared/bench/run_hugo.sh uses, so
# the corpora are shared and Hugo's --contentDir is $WORK/corpus-N);
# assembles our site root $WORK/league-N (site.yaml, data/ without data/cache/,
# content/about.md, and the N posts in content/posts/ copied unchanged: their
# front matter -- title, RFC 3339 date, tags, draft, summary -- is what our loader
# takes, and every generated tag is already a slug); builds our binary once;
# checks one build of each tool (N post pages) and that two of our builds are
# byte-identical (diff -r); then runs PAIRS paired timed builds (bench/pairs.py,
# each run one call of ../shared/bench/timecmd.py) and prints a markdown table.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
shared=${SHARED:-$(cd "$repo/../shared" && pwd)}
work=${WORK:-/tmp/ssg-bench}
ns=("$@")
[ ${#ns[@]} -gt 0 ] || ns=(1000 10000)
if [ -z "${HUGOS:-}" ]; then
	HUGOS=""
	for h in /tmp/hugobin/hugo /usr/bin/hugo; do [ -x "$h" ] && HUGOS="$HUGOS $h"; done
fi
[ -n "${HUGOS// /}" ] || { echo "no Hugo found; apt-get install -y --no-install-recommends hugo" >&2; exit 1; }

mkdir -p "$work"
results="$work/results-$(date -u +%Y%m%dT%H%M%SZ).jsonl"
ours="$work/aileague"

echo "## setup"
echo "date: $(date -u +%Y-%m-%dT%H:%MZ); $(nproc) CPUs: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); $(free -g | awk '/Mem:/{print $2}') GiB RAM; $(uname -sr)"
echo "go: $(go version)"
(cd "$repo" && go build -o "$ours" ./cmd/build)
echo "ours: $ours (go build ./cmd/build at $(cd "$repo" && git rev-parse --short HEAD)$(cd "$repo" && git diff --quiet HEAD -- . ':!bench' || echo ', with uncommitted changes'))"
for h in $HUGOS; do echo "hugo: $h: $("$h" version)"; done

count_posts() { find "$1/posts" -mindepth 2 -maxdepth 2 -name index.html -path '*/post-*' | wc -l; }

for n in "${ns[@]}"; do
	corpus="$work/corpus-$n" # as ../shared/bench/run_hugo.sh: Hugo's contentDir, posts in posts/
	if [ ! -f "$corpus/posts/post-$(printf '%05d' "$n").md" ]; then
		python3 "$shared/bench/gen_corpus.py" "$n" "$corpus/posts"
	fi
	site="$work/league-$n"
	rm -rf "$site"
	mkdir -p "$site/content/posts"
	cp "$repo/site.yaml" "$site/"
	cp -r "$repo/data" "$site/data"
	rm -rf "$site/data/cache"
	cp "$repo/content/about.md" "$site/content/"
	cp "$corpus"/posts/*.md "$site/content/posts/"

	echo "## N=$n: checks"
	out="$work/ours-out-$n"
	"$ours" -offline -src "$site" -out "$work/ours-check-$n-a" 2>&1 | sed 's/^/  ours: /'
	"$ours" -offline -src "$site" -out "$work/ours-check-$n-b" >/dev/null 2>&1
	got=$(count_posts "$work/ours-check-$n-a")
	echo "  ours: $(find "$work/ours-check-$n-a" -type f | wc -l) files, $(du -sm "$work/ours-check-$n-a" | cut -f1) MB, $got post pages (want $n)"
	[ "$got" -eq "$n" ] || { echo "  ours: post pages missing" >&2; exit 1; }
	if diff -r "$work/ours-check-$n-a" "$work/ours-check-$n-b" >/dev/null; then
		echo "  ours: two builds byte-identical (diff -r)"
	else
		echo "  ours: two builds DIFFER (diff -r $work/ours-check-$n-a $work/ours-check-$n-b)" >&2
		exit 1
	fi
	rm -rf "$work/ours-check-$n-a" "$work/ours-check-$n-b"

	pairs=${PAIRS:-$([ "$n" -lt 5000 ] && echo 5 || echo 3)}
	for h in $HUGOS; do
		ver=$("$h" version | grep -o 'v0\.[0-9.]*' | head -1)
		hout="$work/hugo-out-$n-$ver"
		hcmd="$h --quiet --source $shared/bench/hugo-site --contentDir $corpus --destination $hout --cacheDir $work/hugo-cache --noBuildLock"
		rm -rf "$hout"
		$hcmd
		got=$(count_posts "$hout")
		echo "  hugo $ver: $(find "$hout" -type f | wc -l) files, $(du -sm "$hout" | cut -f1) MB, $got post pages (want $n)"
		[ "$got" -eq "$n" ] || { echo "  hugo $ver: post pages missing; run without --quiet: $hcmd" >&2; exit 1; }

		echo "## N=$n: ours vs hugo $ver, $pairs pairs"
		python3 "$here/pairs.py" run -o "$results" --n "$n" --pairs "$pairs" \
			ours "$ours -offline -src $site -out $out" \
			"hugo-$ver" "$hcmd"
	done
done

echo
echo "## results ($results)"
echo "Medians over pairs; ratios are per pair (ours/Hugo), then the median. Busy starts: runs begun before the machine was 90% idle."
echo
python3 "$here/pairs.py" table "$results"

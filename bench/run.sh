#!/usr/bin/env bash
# Build speed and memory of our generator against Hugo on the shared generated corpus:
# cold and warm builds side by side with Hugo, then the growth with the number of posts.
#
#   bench/run.sh
#
# Environment:
#   COMPARE    post counts of the side-by-side comparison (default "1000 10000")
#   ROUNDS     rounds per count (default 5 below 5000 posts, else 3)
#   GROWTH     post counts of the growth table (default "1000 2000 5000 10000"; "" for none;
#              the counts of COMPARE are taken from the comparison)
#   GROWTH_ROUNDS  rounds per count there (default 1)
#   HUGO       the Hugo binary (default /usr/bin/hugo: 0.111.3 from Debian's apt-get install hugo)
#   IDLE_WAIT  seconds to wait for an idle machine before each run (default 30)
#   WORK       scratch dir (default /tmp/ssg-bench)
#   SHARED     the shared bench material: corpus generator and Hugo site (default ../shared)
#   KEEP_TRASH 1 to keep the folders set aside (in $WORK/trash) instead of removing them at the end
#
# For each count N it generates the corpus with $SHARED/bench/gen_corpus.py into
# $WORK/corpus-N/posts/ (if missing; Hugo's --contentDir is $WORK/corpus-N), assembles
# our site root $WORK/league-N (site.yaml, data/ without data/cache/,
# content/about.md, and the N posts in content/posts/ unchanged), builds our binary
# once, and checks that Hugo and we write N post pages and that our cold, warm and
# uncached builds are byte-identical (diff -r). Then bench/pairs.py times rounds of
#   ours-cold  -no-cache into an empty output folder: nothing from an earlier build
#   ours-warm  the build cache and the output of the previous runs, nothing changed since
#   hugo       Hugo's full build into an empty output folder
# (the cold and Hugo output folders are moved aside before each run, outside the timing,
# and removed when the script ends: see aside in site.sh)
# each one fresh process measured from outside (wall, user+sys CPU, peak RSS).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
. "$here/site.sh"
shared=${SHARED:-$(cd "$repo/../shared" && pwd)}
work=${WORK:-/tmp/ssg-bench}
trash=$work/trash
hugo=${HUGO:-/usr/bin/hugo}
compare=${COMPARE-1000 10000}
growth=${GROWTH-1000 2000 5000 10000}
[ -x "$hugo" ] || { echo "no Hugo at $hugo; apt-get install -y --no-install-recommends hugo" >&2; exit 1; }

mkdir -p "$work"
trap empty_trash EXIT
results="$work/results-$(date -u +%Y%m%dT%H%M%SZ).jsonl"
ours="$work/aileague"

echo "## setup"
echo "date: $(date -u +%Y-%m-%dT%H:%MZ); $(nproc) CPUs: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); $(free -g | awk '/Mem:/{print $2}') GiB RAM; $(uname -sr); load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "go: $(go version)"
(cd "$repo" && go build -o "$ours" ./cmd/build)
echo "ours: $ours (go build ./cmd/build at $(cd "$repo" && git rev-parse --short HEAD)$(cd "$repo" && git diff --quiet HEAD -- . ':!bench' || echo ', with uncommitted changes'))"
echo "hugo: $hugo: $("$hugo" version)"

count_posts() { find "$1/posts" -mindepth 2 -maxdepth 2 -name index.html -path '*/post-*' | wc -l; }

# setup N: corpus, site root, checks. Sets the commands cold, warm, hcmd.
setup() {
	n=$1
	corpus="$work/corpus-$n"
	if [ ! -f "$corpus/posts/post-$(printf '%05d' "$n").md" ]; then
		python3 "$shared/bench/gen_corpus.py" "$n" "$corpus/posts" >/dev/null
	fi
	site="$work/league-$n"
	aside "$site"
	corpus_site "$repo" "$corpus" "$site"
	aside "$work/cache-$n" "$work/ours-cold-$n" "$work/ours-warm-$n" "$work/hugo-out-$n"
	cold="$ours -offline -no-cache -src $site -out $work/ours-cold-$n"
	warm="$ours -offline -cache $work/cache-$n -src $site -out $work/ours-warm-$n"
	hcmd="$hugo --quiet --source $shared/bench/hugo-site --contentDir $corpus --destination $work/hugo-out-$n --cacheDir $work/hugo-cache --noBuildLock"

	echo "## N=$n: checks"
	$cold 2>&1 | sed 's/^/  cold: /'
	$warm >/dev/null 2>&1 # fills the cache
	$warm 2>&1 | grep -E '^(cache|write|built)' | sed 's/^/  warm: /'
	got=$(count_posts "$work/ours-cold-$n")
	echo "  ours: $(find "$work/ours-cold-$n" -type f | wc -l) files, $(du -sm "$work/ours-cold-$n" | cut -f1) MB, $got post pages (want $n)"
	[ "$got" -eq "$n" ] || { echo "  ours: post pages missing" >&2; exit 1; }
	if diff -r "$work/ours-cold-$n" "$work/ours-warm-$n" >/dev/null; then
		echo "  ours: cold (no cache) and warm (cache) builds byte-identical (diff -r)"
	else
		echo "  ours: cold and warm builds DIFFER (diff -r $work/ours-cold-$n $work/ours-warm-$n)" >&2
		exit 1
	fi
	$hcmd
	got=$(count_posts "$work/hugo-out-$n")
	echo "  hugo: $(find "$work/hugo-out-$n" -type f | wc -l) files, $(du -sm "$work/hugo-out-$n" | cut -f1) MB, $got post pages (want $n)"
	[ "$got" -eq "$n" ] || { echo "  hugo: post pages missing; run without --quiet: $hcmd" >&2; exit 1; }
}

for n in $compare; do
	setup "$n"
	rounds=${ROUNDS:-$([ "$n" -lt 5000 ] && echo 5 || echo 3)}
	echo "## N=$n: ours cold, ours warm, hugo; $rounds rounds"
	python3 "$here/pairs.py" run -o "$results" --tag compare --n "$n" --rounds "$rounds" --trash "$trash" \
		--clear "ours-cold=$work/ours-cold-$n" --clear "hugo=$work/hugo-out-$n" \
		ours-cold "$cold" ours-warm "$warm" hugo "$hcmd"
done
for n in $growth; do
	case " $compare " in *" $n "*) continue ;; esac # measured above
	setup "$n" >/dev/null
	echo "## growth N=$n"
	python3 "$here/pairs.py" run -o "$results" --tag growth --n "$n" --rounds "${GROWTH_ROUNDS:-1}" --trash "$trash" \
		--clear "ours-cold=$work/ours-cold-$n" --clear "hugo=$work/hugo-out-$n" \
		ours-cold "$cold" ours-warm "$warm" hugo "$hcmd"
done

echo
echo "## results ($results)"
echo "Medians over rounds; ratios are per round (ours/Hugo), then the median. Busy starts: runs begun before the machine was 90% idle."
echo
python3 "$here/pairs.py" table "$results"
echo
echo "Growth (medians):"
echo
python3 "$here/pairs.py" growth "$results"

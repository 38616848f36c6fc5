#!/usr/bin/env bash
# The two preview figures of the README, with bench/preview.py: in -serve, an edit of
# one post's body on the 1,000-post site, and an edit of one score in a results file
# on the bundled site. Each is EDITS (default 7) saves; the script prints every edit
# and the medians (save to page, and the server's CPU per edit).
#
#   bench/preview.sh
#
# Environment: EDITS, WORK (scratch dir, default /tmp/ssg-bench), SHARED (the shared
# bench material, default ../shared: the corpus generator), PORT (default 18413; the
# second run takes PORT+1). The sites are copies in WORK, never the repository's files:
#   WORK/preview-1000     site.yaml, data/ without data/cache/, content/about.md and
#                         the 1,000 posts of WORK/corpus-1000 (made if missing)
#   WORK/preview-bundled  site.yaml, content/ and data/ of the repository
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
. "$here/site.sh"
shared=${SHARED:-$repo/../shared} # only for a missing corpus
work=${WORK:-/tmp/ssg-bench}
trash=$work/trash
port=${PORT:-18413}
export EDITS=${EDITS:-7}
bin="$work/aileague-preview"

mkdir -p "$work"
trap empty_trash EXIT
echo "date: $(date -u +%Y-%m-%dT%H:%MZ); $(nproc) CPUs; load: $(cut -d' ' -f1-3 /proc/loadavg)"
(cd "$repo" && go build -o "$bin" ./cmd/build)
echo "binary: go build ./cmd/build at $(cd "$repo" && git rev-parse --short HEAD)"

corpus="$work/corpus-1000"
if [ ! -f "$corpus/posts/post-01000.md" ]; then
	python3 "$shared/bench/gen_corpus.py" 1000 "$corpus/posts" >/dev/null
fi
site="$work/preview-1000"
aside "$site" "$work/preview-1000-out" "$work/preview-1000-cache"
corpus_site "$repo" "$corpus" "$site"

bundled="$work/preview-bundled"
aside "$bundled" "$work/preview-bundled-out" "$work/preview-bundled-cache"
mkdir -p "$bundled"
cp -r "$repo/site.yaml" "$repo/content" "$repo/data" "$bundled/"

echo "## one post edited, 1,000-post site (content/posts/post-00500.md, a heading)"
python3 "$here/preview.py" "$bin" "$site" "$work/preview-1000-out" "$port" \
	content/posts/post-00500.md /posts/post-00500/ "## " "## Edited{i} " -- -cache "$work/preview-1000-cache"
echo "## one score edited, bundled site (data/results/artificial-analysis-qwen3.5-small.json)"
python3 "$here/preview.py" "$bin" "$bundled" "$work/preview-bundled-out" "$((port + 1))" \
	data/results/artificial-analysis-qwen3.5-small.json /benchmarks/aa-intelligence-index/ \
	'"score": 16,' '"score": 16.{i}1,' '>16.{i}1<' -- -cache "$work/preview-bundled-cache"

# Sourced by bench/run.sh and bench/preview.sh.
#
# corpus_site REPO CORPUS SITE makes SITE a site root of this project with the posts of
# a shared corpus: REPO's site.yaml, its data/ without data/cache/, content/about.md,
# and CORPUS/posts/*.md unchanged in content/posts/. SITE must not exist.
corpus_site() {
	local repo=$1 corpus=$2 site=$3
	mkdir -p "$site/content/posts"
	cp "$repo/site.yaml" "$site/"
	cp -r "$repo/data" "$site/data"
	rm -rf "$site/data/cache"
	cp "$repo/content/about.md" "$site/content/"
	cp "$corpus"/posts/*.md "$site/content/posts/"
}

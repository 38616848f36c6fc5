# Sourced by bench/run.sh, bench/growth.sh and bench/preview.sh.
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

# aside DIR... moves each DIR that exists into the folder $trash (same file system)
# instead of removing it; empty_trash removes $trash, unless KEEP_TRASH=1. The scripts
# set folders aside while they measure and remove them when they end. Why: on ext4
# without a journal (the root file system of the machine these figures come from), a
# deleted inode is not used again for 60 s (300 s until its inode table block is
# written back), and every new file or folder made meanwhile scans past the recently
# deleted ones. A 500-model build made right after removing the previous output spent
# 11-17 CPU-s in the kernel instead of 2 (perf: find_inode_bit, recently_deleted), so
# removing outputs between runs would time the file system's memory of the removal.
aside() {
	local d
	mkdir -p "$trash"
	for d in "$@"; do
		[ -e "$d" ] || continue
		mv "$d" "$(mktemp -d -p "$trash")/"
	done
}
empty_trash() {
	[ "${KEEP_TRASH:-}" = 1 ] || rm -rf "$trash"
}

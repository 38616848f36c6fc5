package build

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime/pprof"
	"strings"
	"testing"
	"time"

	aileague "github.com/ai-league/ai-league"
	"github.com/ai-league/ai-league/internal/config"
)

// benchPosts is the number of posts in the generated benchmark site. For the
// comparison with Hugo on 1,000 and 10,000 posts, see bench/run.sh.
const benchPosts = 300

// BenchmarkRender runs every stage but the write (build.Render) on a generated
// site of benchPosts posts and the repository's league data.
func BenchmarkRender(b *testing.B) {
	src := benchSrc(b)
	opt := options(src, filepath.Join(b.TempDir(), "public"))
	b.ReportAllocs()
	var files, size int
	for b.Loop() {
		out, err := Render(context.Background(), opt)
		if err != nil {
			b.Fatal(err)
		}
		files, size = len(out), 0
		for _, f := range out {
			size += len(f.Data)
		}
	}
	b.ReportMetric(float64(files), "files/op")
	b.ReportMetric(float64(size)/1e6, "MB/op")
}

// BenchmarkBuild is BenchmarkRender plus the write: every iteration writes the
// whole site into the same output directory, as a rebuild does.
func BenchmarkBuild(b *testing.B) {
	src := benchSrc(b)
	opt := options(src, filepath.Join(b.TempDir(), "public"))
	b.ReportAllocs()
	var st Stats
	for b.Loop() {
		var err error
		if st, err = Build(context.Background(), opt); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(st.Files), "files/op")
	b.ReportMetric(float64(st.Bytes)/1e6, "MB/op")
}

// benchSrc is the site root the benchmarks build: $AILEAGUE_BENCH_SITE when set
// (e.g. /tmp/ssg-bench/league-1000 made by bench/run.sh, to profile a larger
// site), else a generated one of benchPosts posts.
func benchSrc(b *testing.B) string {
	if dir := os.Getenv("AILEAGUE_BENCH_SITE"); dir != "" {
		return dir
	}
	return benchSite(b, benchPosts)
}

// benchSite assembles a site root in a temp dir: the repository's site.yaml,
// data/ (without data/cache/, so the offline build reads no pulled feeds) and
// content/about.md, plus n generated posts.
func benchSite(b testing.TB, n int) string {
	b.Helper()
	root := filepath.Join(b.TempDir(), "site")
	if err := os.CopyFS(filepath.Join(root, "data"), os.DirFS("../../data")); err != nil {
		b.Fatal(err)
	}
	if err := os.RemoveAll(filepath.Join(root, "data", "cache")); err != nil {
		b.Fatal(err)
	}
	for _, f := range []string{"site.yaml", "content/about.md"} {
		data, err := os.ReadFile(filepath.Join("../..", f))
		if err != nil {
			b.Fatal(err)
		}
		if err := os.MkdirAll(filepath.Dir(filepath.Join(root, f)), 0o755); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(root, f), data, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	cfg, err := config.Load(os.DirFS(root), "site.yaml")
	if err != nil {
		b.Fatal(err)
	}
	table := ""
	if len(cfg.League.Divisions) > 0 {
		table = cfg.League.Divisions[0].ID
	}
	posts := filepath.Join(root, "content", "posts")
	if err := os.MkdirAll(posts, 0o755); err != nil {
		b.Fatal(err)
	}
	if err := writeBenchPosts(posts, n, table); err != nil {
		b.Fatal(err)
	}
	return root
}

// Word lists for the generated posts.
var (
	benchWords = strings.Fields(`benchmark latency throughput model release dataset accuracy
		score leaderboard kernel compiler runtime cache memory bandwidth tensor matrix
		pipeline shard cluster token context window prompt inference training checkpoint
		gradient optimizer baseline median variance outlier regression result table metric
		harness suite task split validation evaluation protocol seed sample hardware driver
		the a of to in for on with by from as is are was that this it their we and or but`)
	benchTags  = strings.Fields(`open-weights benchmarks release laptop pocket workstation datacenter gemma qwen mistral deepseek evaluation methodology gpu quantization`)
	benchLangs = map[string]string{
		"go":     "package main\n\nimport \"fmt\"\n\nfunc main() {\n\ttotal := 0\n\tfor i := 0; i < %d; i++ {\n\t\ttotal += i * i\n\t}\n\tfmt.Println(total)\n}",
		"python": "import statistics\n\ndef run(n=%d):\n    xs = [i * i for i in range(n)]\n    return statistics.median(xs)\n\nprint(run())",
		"bash":   "#!/usr/bin/env bash\nset -euo pipefail\nfor i in $(seq 1 %d); do\n  ./bench --run \"$i\" --out \"results/run-$i.json\"\ndone",
		"json":   "{\n  \"model\": \"example\",\n  \"runs\": %d,\n  \"hardware\": {\"cpu\": \"x86_64\", \"cores\": 16}\n}",
	}
	benchLangNames = []string{"bash", "go", "json", "python"}
)

// writeBenchPosts writes n deterministic posts of about 900 words into dir:
// headings, paragraphs with links, emphasis and inline code, a list, a fenced
// code block, a GFM table, a blockquote and footnotes; every 25th post also
// holds a ```league block showing table (when not "").
func writeBenchPosts(dir string, n int, table string) error {
	rng := rand.New(rand.NewPCG(42, 1))
	sentence := func(lo, hi int) string {
		k := lo + rng.IntN(hi-lo+1)
		w := make([]string, k)
		for i := range w {
			w[i] = benchWords[rng.IntN(len(benchWords))]
			if i > 0 && i < k-1 {
				switch r := rng.IntN(100); {
				case r < 3:
					w[i] = "*" + w[i] + "*"
				case r < 5:
					w[i] = "**" + w[i] + "**"
				case r < 6:
					w[i] = "`" + w[i] + "`"
				case r < 7:
					w[i] = fmt.Sprintf("[%s](https://example.com/%s)", w[i], w[i])
				}
			}
		}
		s := strings.Join(w, " ")
		return strings.ToUpper(s[:1]) + s[1:] + "."
	}
	paragraph := func() string {
		var s []string
		for range 3 + rng.IntN(4) {
			s = append(s, sentence(8, 20))
		}
		return strings.Join(s, " ")
	}
	start := time.Date(2026, 1, 1, 8, 0, 0, 0, time.UTC)
	for i := range n {
		var b strings.Builder
		tags := []string{benchTags[rng.IntN(len(benchTags))]}
		if t := benchTags[rng.IntN(len(benchTags))]; t != tags[0] {
			tags = append(tags, t)
		}
		date := start.Add(time.Duration(i) * 12 * time.Hour)
		fmt.Fprintf(&b, "---\ntitle: %q\ndate: %s\ntags: [%s]\nsummary: %q\n---\n\n",
			fmt.Sprintf("%s: update %d", sentence(3, 6), i+1), date.Format(time.RFC3339),
			strings.Join(tags, ", "), sentence(14, 24))
		b.WriteString(paragraph() + "[^1]\n\n")
		for sec := range 6 {
			fmt.Fprintf(&b, "## %s\n\n%s\n\n%s\n\n", sentence(2, 5), paragraph(), paragraph())
			switch sec {
			case 0:
				for range 4 {
					b.WriteString("- " + sentence(5, 12) + "\n")
				}
				b.WriteString("\n")
			case 1:
				lang := benchLangNames[rng.IntN(len(benchLangNames))]
				fmt.Fprintf(&b, "```%s\n"+benchLangs[lang]+"\n```\n\n", lang, 100+rng.IntN(99900))
			case 2:
				b.WriteString("| Model | Suite | Score | Latency (ms) |\n|:--|:--|--:|--:|\n")
				for range 5 {
					fmt.Fprintf(&b, "| %s-%d | core | %.3f | %.1f |\n", benchWords[rng.IntN(len(benchWords))], rng.IntN(99), rng.Float64(), 900*rng.Float64())
				}
				b.WriteString("\n")
			case 3:
				b.WriteString("> " + sentence(8, 18) + "[^2]\n\n")
			case 4:
				if table != "" && i%25 == 0 {
					fmt.Fprintf(&b, "```league\nstandings %s\n```\n\n", table)
				}
			}
		}
		fmt.Fprintf(&b, "[^1]: %s\n[^2]: %s\n", sentence(6, 12), sentence(6, 12))
		name := filepath.Join(dir, fmt.Sprintf("post-%05d.md", i+1))
		if err := os.WriteFile(name, []byte(b.String()), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// TestBenchSite checks that the generated site builds with one page per post,
// so that the benchmarks measure a complete build.
func TestBenchSite(t *testing.T) {
	if testing.Short() {
		t.Skip("generates and builds a 30-post site")
	}
	const n = 30
	src := benchSite(t, n)
	out := filepath.Join(t.TempDir(), "public")
	build(t, options(src, out))
	pages, err := filepath.Glob(filepath.Join(out, "posts", "post-*", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) != n {
		t.Errorf("got %d post pages, want %d", len(pages), n)
	}
}

// BenchmarkSessionPatch times one preview rebuild after an edit of one post: the
// post's body changes, its shape does not (AILEAGUE_BENCH_SITE as for BenchmarkRender).
func BenchmarkSessionPatch(b *testing.B) {
	src := benchSrc(b)
	posts, _ := filepath.Glob(filepath.Join(src, "content", "posts", "*.md"))
	if len(posts) == 0 {
		b.Fatal("no posts")
	}
	file := posts[len(posts)/2]
	orig, err := os.ReadFile(file)
	if err != nil {
		b.Fatal(err)
	}
	defer os.WriteFile(file, orig, 0o644)
	rel, _ := filepath.Rel(src, file)
	out := filepath.Join(b.TempDir(), "public")
	s := NewSession(Options{Src: os.DirFS(src), SrcDir: src, Out: out, Defaults: aileague.Defaults, Offline: true})
	ctx := context.Background()
	if _, _, err := s.Rebuild(ctx, nil); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := range b.N {
		os.WriteFile(file, append(append([]byte{}, orig...), fmt.Sprintf("\nEdit %d.\n", i)...), 0o644)
		// The label tells the edits from the first build in a CPU profile
		// (go tool pprof -tagfocus edit=post).
		pprof.Do(ctx, pprof.Labels("edit", "post"), func(ctx context.Context) {
			_, how, err := s.Rebuild(ctx, []string{filepath.ToSlash(rel)})
			if err != nil || how != "content" {
				b.Fatalf("rebuild: %q, %v", how, err)
			}
		})
	}
}

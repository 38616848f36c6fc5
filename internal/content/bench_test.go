package content

import (
	"os"
	"testing"
)

// benchSiteDir is the 1,000-post site root that bench/run.sh makes; the
// benchmarks that need it are skipped when it is not there.
const benchSiteDir = "/tmp/ssg-bench/league-1000"

// BenchmarkLoad loads and renders every post and page of the 1,000-post site
// without the build cache: the content stage of a cold build. The lexers are
// made before the timed loop, as the build makes them while the league loads.
func BenchmarkLoad(b *testing.B) {
	if _, err := os.Stat(benchSiteDir + "/content/posts"); err != nil {
		b.Skip("no bench site at " + benchSiteDir)
	}
	fsys := os.DirFS(benchSiteDir)
	if _, _, err := Load(fsys, Options{}); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	var n int
	for b.Loop() {
		posts, _, err := Load(fsys, Options{})
		if err != nil {
			b.Fatal(err)
		}
		n = len(posts)
	}
	b.ReportMetric(float64(n), "posts/op")
}

package content

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// eachRepoMarkdown calls fn with the path and bytes of every markdown file of the
// repository's site (content/) and of this package's test sites (testdata/), and
// returns how many it read; a file it cannot read ends the test.
func eachRepoMarkdown(t *testing.T, fn func(path string, src []byte)) int {
	t.Helper()
	files := 0
	for _, root := range []string{"../../content", "testdata"} {
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
				return err
			}
			src, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			files++
			fn(p, src)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return files
}

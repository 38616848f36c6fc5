//go:build bigload

package league

import (
	"os"
	"testing"
)

// TestBigLoad loads the site root named by BIGLOAD_SITE, for measuring the peak
// memory of the loader with /usr/bin/time -v:
//
//	go test -tags bigload -c -o /tmp/bigload ./internal/league/
//	BIGLOAD_SITE=/path/to/site /usr/bin/time -v /tmp/bigload -test.run TestBigLoad
func TestBigLoad(t *testing.T) {
	dir := os.Getenv("BIGLOAD_SITE")
	if dir == "" {
		t.Skip("BIGLOAD_SITE not set")
	}
	d, err := Load(os.DirFS(dir))
	n := 0
	if err != nil {
		n = len(err.Error())
	}
	t.Logf("%d results; %d bytes of errors", len(d.Results), n)
}

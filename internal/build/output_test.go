package build

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/ai-league/ai-league/internal/publish"
)

// TestBuildConcurrent runs two builds into the default output at once: both succeed,
// one waits for the other (and says so), and the output is whole.
func TestBuildConcurrent(t *testing.T) {
	src := testSite(t)
	ref := filepath.Join(t.TempDir(), "ref")
	build(t, options(src, ref))
	want := files(t, ref)

	out := filepath.Join(src, "public")
	var (
		wg   sync.WaitGroup
		errs [2]error
		logs [2]bytes.Buffer
	)
	for i := range 2 {
		wg.Go(func() {
			opt := options(src, out)
			opt.Log = &logs[i]
			_, errs[i] = Build(context.Background(), opt)
		})
	}
	wg.Wait()
	waited := 0
	for i, err := range errs {
		if err != nil {
			t.Errorf("build %d: %v", i+1, err)
		}
		if strings.Contains(logs[i].String(), "waiting: another build is writing "+out) {
			waited++
		}
	}
	if waited > 1 {
		t.Errorf("%d builds waited for each other", waited)
	}
	got := files(t, out)
	if len(got) != len(want) {
		t.Errorf("%d files in the output, want %d", len(got), len(want))
	}
	for name, data := range want {
		if !bytes.Equal(got[name], data) {
			t.Errorf("%s differs from a single build's", name)
		}
	}
	entries, _ := os.ReadDir(src)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".public.new-") {
			t.Errorf("temporary folder %s left in the site root", e.Name())
		}
	}
}

// TestBuildRefusesOutput checks that Build itself (not only the command) refuses an
// input folder before it renders anything.
func TestBuildRefusesOutput(t *testing.T) {
	src := testSite(t)
	before := files(t, filepath.Join(src, "content"))
	var log bytes.Buffer
	opt := options(src, filepath.Join(src, "content"))
	opt.Log = &log
	_, err := Build(context.Background(), opt)
	var refused *publish.RefusedError
	if !errors.As(err, &refused) || refused.Reason != "it lies inside the input folder content/ of the site root" {
		t.Fatalf("err = %v, want a refusal", err)
	}
	if log.Len() != 0 {
		t.Errorf("the build ran stages before refusing:\n%s", log.String())
	}
	after := files(t, filepath.Join(src, "content"))
	if len(after) != len(before) {
		t.Errorf("content/ changed: %d files, had %d", len(after), len(before))
	}
}

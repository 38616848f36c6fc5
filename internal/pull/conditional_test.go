package pull

import (
	"context"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/ai-league/ai-league/internal/config"
)

// TestPullConditionalHeaders checks which validators a second pull sends: the
// stored ETag and Last-Modified, each only when the source gave it, and none when
// the feed's URL changed since its copy was fetched (the copy is of another URL).
func TestPullConditionalHeaders(t *testing.T) {
	var mu sync.Mutex
	seen := map[string][]string{} // path -> conditional headers of each request
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		var got []string
		for _, h := range []string{"If-None-Match", "If-Modified-Since"} {
			if v, ok := r.Header[h]; ok {
				got = append(got, h+": "+v[0])
			}
		}
		seen[r.URL.Path] = append(seen[r.URL.Path], strings.Join(got, ", "))
		mu.Unlock()
		switch r.URL.Path {
		case "/etag", "/moved-from":
			w.Header().Set("ETag", `"e1"`)
		case "/lm":
			w.Header().Set("Last-Modified", "Wed, 03 Jun 2026 06:00:00 GMT")
		}
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Write(mustRead(t, "../news/testdata/rss.xml"))
	}))
	defer srv.Close()

	dir := t.TempDir()
	feeds := []config.Feed{
		{ID: "etag", URL: srv.URL + "/etag"},
		{ID: "lm", URL: srv.URL + "/lm"},
		{ID: "none", URL: srv.URL + "/none"},
		{ID: "moved", URL: srv.URL + "/moved-from"},
	}
	if w, err := Pull(context.Background(), feeds, nil, dir, testOptions()); err != nil || len(w) > 0 {
		t.Fatalf("first pull: %v %v", w, err)
	}
	feeds[3].URL = srv.URL + "/moved-to"
	if w, err := Pull(context.Background(), feeds, nil, dir, testOptions()); err != nil || len(w) > 0 {
		t.Fatalf("second pull: %v %v", w, err)
	}
	want := map[string][]string{
		"/etag":       {"", `If-None-Match: "e1"`},
		"/lm":         {"", "If-Modified-Since: Wed, 03 Jun 2026 06:00:00 GMT"},
		"/none":       {"", ""},
		"/moved-from": {""},
		"/moved-to":   {""},
	}
	if !reflect.DeepEqual(seen, want) {
		t.Errorf("conditional headers by request:\n got %q\nwant %q", seen, want)
	}
}

// TestPullUnaskedNotModified treats a 304 to a request that was not conditional
// as a failure: there is nothing it could mean "unchanged" against.
func TestPullUnaskedNotModified(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusNotModified)
	}))
	defer srv.Close()
	w, err := Pull(context.Background(), []config.Feed{{ID: "x", URL: srv.URL}}, nil, t.TempDir(), testOptions())
	if err != nil || len(w) != 1 {
		t.Fatalf("warnings %q, err %v; want one warning", w, err)
	}
	if want := "feed x (" + srv.URL + "): HTTP 304 Not Modified; no cached copy"; w[0].String() != want {
		t.Errorf("warning = %q\nwant      %q", w[0].String(), want)
	}
}

package serve

import (
	"bufio"
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	aileague "github.com/ai-league/ai-league"
	"github.com/ai-league/ai-league/internal/build"
)

func TestHandler(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "models/x"), 0o755)
	os.WriteFile(filepath.Join(dir, "models/x/index.html"), []byte("<html><body>X</body></html>"), 0o644)
	os.WriteFile(filepath.Join(dir, "404.html"), []byte("<html><body>missing</body></html>"), 0o644)
	os.WriteFile(filepath.Join(dir, "standings.json"), []byte(`{"as_of":"2026-06-03"}`), 0o644)
	srv := httptest.NewServer(&Handler{Dir: dir, Base: "/repo/"})
	defer srv.Close()
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	tests := []struct {
		path, want string
		status     int
	}{
		{"/repo/models/x/", "X" + reloadScript + "</body>", 200},
		{"/repo/models/x", "", http.StatusMovedPermanently},
		{"/repo/standings.json", `{"as_of":"2026-06-03"}`, 200},
		{"/repo/nope/", "missing" + reloadScript, 404},
		{"/elsewhere/", "missing", 404},
		{"/repo/../etc/passwd", "missing", 404},
		{"/", "", http.StatusFound},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			resp, err := client.Get(srv.URL + tt.path)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			body, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != tt.status || !strings.Contains(string(body), tt.want) {
				t.Errorf("GET %s = %d %q, want %d with %q", tt.path, resp.StatusCode, body, tt.status, tt.want)
			}
		})
	}
}

// TestRunRebuildsAndReloads starts the preview server on the test site, edits a post
// and expects the page to change and an open event stream to be told to reload.
func TestRunRebuildsAndReloads(t *testing.T) {
	src := filepath.Join(t.TempDir(), "site")
	if err := os.CopyFS(src, os.DirFS("../build/testdata/site")); err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	opt := build.Options{Src: os.DirFS(src), SrcDir: src, Out: filepath.Join(t.TempDir(), "out"), Defaults: aileague.Defaults,
		Offline: true, BaseURL: "http://" + addr + "/", Now: time.Now, Log: io.Discard}
	go func() { done <- Run(ctx, opt, addr) }()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Run: %v", err)
		}
	}()

	get := func(p string) string {
		resp, err := http.Get("http://" + addr + p)
		if err != nil {
			return ""
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return string(b)
	}
	deadline := time.Now().Add(20 * time.Second)
	for !strings.Contains(get("/posts/derby/"), "The small derby") {
		if time.Now().After(deadline) {
			t.Fatal("the server never served the post")
		}
		time.Sleep(50 * time.Millisecond)
	}
	resp, err := http.Get("http://" + addr + reloadPath)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	events := bufio.NewReader(resp.Body)
	if line, _ := events.ReadString('\n'); !strings.HasPrefix(line, ": connected") {
		t.Fatalf("event stream starts with %q", line)
	}

	post := filepath.Join(src, "content/posts/derby.md")
	b, _ := os.ReadFile(post)
	os.WriteFile(post, []byte(strings.Replace(string(b), "The small derby", "The rematch", 1)), 0o644)

	reloaded := make(chan bool, 1)
	go func() {
		for {
			line, err := events.ReadString('\n')
			if err != nil {
				reloaded <- false
				return
			}
			if strings.HasPrefix(line, "data: reload") {
				reloaded <- true
				return
			}
		}
	}()
	select {
	case ok := <-reloaded:
		if !ok {
			t.Fatal("event stream closed without a reload")
		}
	case <-time.After(20 * time.Second):
		t.Fatal("no reload event after editing a post")
	}
	if !strings.Contains(get("/posts/derby/"), "The rematch") {
		t.Error("the rebuilt page does not show the edit")
	}
}

func TestRunAddressInUse(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	err = Run(context.Background(), build.Options{Log: io.Discard}, ln.Addr().String())
	if err == nil || !strings.Contains(err.Error(), "address already in use") {
		t.Errorf("err = %v, want address already in use", err)
	}
}

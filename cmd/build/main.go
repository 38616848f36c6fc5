// Command build turns a site root into the AI League static site.
//
//	go run ./cmd/build [-src DIR] [-out DIR] [-base-url URL] [-offline] [-as-of YYYY-MM-DD]
//	                   [-drafts] [-serve] [-addr HOST:PORT] [-cache DIR] [-no-cache] [-v]
//
// Exit status: 0 on success, 1 when the input is wrong or the build fails, 2 on bad usage.
package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"time"

	aileague "github.com/ai-league/ai-league"
	"github.com/ai-league/ai-league/internal/build"
	"github.com/ai-league/ai-league/internal/cache"
	"github.com/ai-league/ai-league/internal/diag"
	"github.com/ai-league/ai-league/internal/publish"
	"github.com/ai-league/ai-league/internal/serve"
)

func main() {
	tuneGC()
	os.Exit(run(os.Args[1:], os.Stderr))
}

// run parses the flags, runs the build (or the preview server) and returns the exit status.
func run(args []string, stderr io.Writer) int {
	flags := flag.NewFlagSet("build", flag.ContinueOnError)
	flags.SetOutput(stderr)
	src := flags.String("src", ".", "site root `DIR`: holds site.yaml, content/, data/, and optionally templates/, static/")
	out := flags.String("out", "", "folder `DIR` the site is written to (default <src>/public)")
	baseURL := flags.String("base-url", "", "absolute `URL` of the site root, e.g. https://user.github.io/repo/ (default: base_url of site.yaml)")
	offline := flags.Bool("offline", false, "no network: pulled sources come from data/archive/ and data/cache/ only")
	asOf := flags.String("as-of", "", "build the league as it stood on the day `YYYY-MM-DD` (default: the latest date in the data)")
	drafts := flags.Bool("drafts", false, "include posts with draft: true")
	serveFlag := flags.Bool("serve", false, "build, serve on -addr, rebuild on change, reload open pages")
	addr := flags.String("addr", "127.0.0.1:1313", "address `HOST:PORT` that -serve listens on")
	cacheDir := flags.String("cache", cache.DefaultDir(), "`DIR` of the build cache (content-addressed: it never changes the output; safe to delete)")
	noCache := flags.Bool("no-cache", false, "neither read nor write the build cache")
	verbose := flags.Bool("v", false, "verbose: list what lm-eval imports ignore")
	cpuProfile := flags.String("cpuprofile", "", "write a CPU profile of the build to `FILE`")
	memProfile := flags.String("memprofile", "", "write an allocation profile of the build to `FILE`")
	traceFile := flags.String("trace", "", "write an execution trace of the build to `FILE` (go tool trace)")
	flags.Usage = func() { usage(flags) }
	if err := flags.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if flags.NArg() > 0 {
		fmt.Fprintf(stderr, "build: unexpected argument %q\n", flags.Arg(0))
		flags.Usage()
		return 2
	}
	if *asOf != "" {
		if _, err := time.Parse("2006-01-02", *asOf); err != nil {
			fmt.Fprintf(stderr, "build: -as-of: want a date like 2026-06-05, got %q\n", *asOf)
			return 2
		}
	}
	if info, err := os.Stat(*src); err != nil || !info.IsDir() {
		fmt.Fprintf(stderr, "build: -src: %s is not a directory\n", *src)
		return 2
	}
	if *out == "" {
		*out = filepath.Join(*src, "public")
	}
	if _, err := publish.Check(*out, *src); err != nil {
		var refused *publish.RefusedError
		if errors.As(err, &refused) {
			fmt.Fprintf(stderr, "build: -out %s: %s\n", refused.Out, refused.Reason)
			return 2
		}
		fmt.Fprintf(stderr, "build: %v\n", err)
		return 1
	}
	opt := build.Options{
		Src: os.DirFS(*src), SrcDir: *src, Out: *out, Defaults: aileague.Defaults,
		BaseURL: *baseURL, AsOf: *asOf, Offline: *offline, Drafts: *drafts, Verbose: *verbose,
		Now: time.Now, Log: stderr, Once: !*serveFlag,
	}
	if !*noCache {
		if *cacheDir == "" {
			fmt.Fprintln(stderr, "warning: no user cache directory; building without the build cache (set -cache DIR)")
		} else if c, err := cache.Open(*cacheDir); err != nil {
			fmt.Fprintf(stderr, "warning: %v; building without it\n", err)
		} else {
			opt.Cache = c
		}
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if *serveFlag {
		return preview(ctx, opt, *addr, stderr)
	}
	stopProfiles, err := startProfiles(*cpuProfile, *memProfile, *traceFile)
	if err != nil {
		fmt.Fprintf(stderr, "build: %v\n", err)
		return 1
	}
	start := time.Now()
	stats, err := build.Build(ctx, opt)
	if perr := stopProfiles(); perr != nil {
		fmt.Fprintf(stderr, "warning: %v\n", perr)
	}
	if err != nil {
		var refused *publish.RefusedError
		if errors.As(err, &refused) {
			fmt.Fprintf(stderr, "build: -out %s: %s\n", refused.Out, refused.Reason)
			return 2
		}
		var ie *build.InputError
		if errors.As(err, &ie) {
			var list diag.List
			errors.As(err, &list)
			fmt.Fprintln(stderr, err)
			fmt.Fprintf(stderr, "build failed: %s; %s left as it was\n", count(len(list), "input error"), *out)
			return 1
		}
		fmt.Fprintf(stderr, "build failed: %v; %s left as it was\n", err, *out)
		return 1
	}
	fmt.Fprintf(stderr, "built %d files (%.1f MB) in %d ms\n", stats.Files, float64(stats.Bytes)/1e6, time.Since(start).Milliseconds())
	return 0
}

// preview builds, serves and rebuilds the site (-serve). Without -base-url, the site
// is built for the address it is served on. Rebuilds are offline (they read the cache
// the first build refreshed) and print only warnings; the server prints one line per
// rebuild.
func preview(ctx context.Context, opt build.Options, addr string, stderr io.Writer) int {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		fmt.Fprintf(stderr, "serve: %v\n", err)
		return 1
	}
	if opt.BaseURL == "" {
		opt.BaseURL = "http://" + ln.Addr().String() + "/"
	}
	// One session for the whole preview: it keeps the loaded posts and, after an
	// edit of posts only, rewrites just the pages that show posts. An editor's save
	// is a few events within a few milliseconds: 30 ms of quiet ends a burst.
	session := build.NewSession(opt)
	rebuild := func(ctx context.Context, changed []string) error {
		if changed != nil {
			session.Options.Offline = true
			session.Options.Log = warnings{stderr}
		}
		_, _, err := session.Rebuild(ctx, changed)
		return err
	}
	err = serve.Run(ctx, ln, serve.Options{Root: opt.SrcDir, Out: opt.Out, BaseURL: opt.BaseURL, Rebuild: rebuild, Log: stderr,
		Quiet: 30 * time.Millisecond})
	if err != nil {
		fmt.Fprintf(stderr, "serve: %v\n", err)
		return 1
	}
	return 0
}

// warnings passes on the lines of a build's log that need the reader: warnings and
// waits for the lock, not the progress of each stage. The build writes whole lines.
type warnings struct{ w io.Writer }

func (l warnings) Write(p []byte) (int, error) {
	if bytes.HasPrefix(p, []byte("warning:")) || bytes.HasPrefix(p, []byte("waiting:")) {
		return l.w.Write(p)
	}
	return len(p), nil
}

// usage is the text of -h: what the tool does, its flags, its exit codes.
func usage(flags *flag.FlagSet) {
	w := flags.Output()
	fmt.Fprint(w, `build turns a site root (site.yaml, content/, data/) into the AI League static site:
league tables, head-to-heads, charts, news and commentary, ready for GitHub Pages.

Usage: go run ./cmd/build [flags]

Flags:
`)
	shown := flag.NewFlagSet("build", flag.ContinueOnError)
	shown.SetOutput(w)
	flags.VisitAll(func(f *flag.Flag) {
		if !hidden[f.Name] {
			shown.Var(f.Value, f.Name, f.Usage)
			shown.Lookup(f.Name).DefValue = f.DefValue
		}
	})
	shown.PrintDefaults()
	fmt.Fprint(w, `
Exit status:
  0  the site was built (or -h was asked for)
  1  the input is wrong or the build failed; the previous output is left as it was
  2  bad usage: an unknown flag or argument, a bad -as-of or -src, or an -out the
     build refuses (the site root, a folder holding it, an input folder, a file, or a
     non-empty folder the build did not write)
`)
}

// count writes n and the noun, plural when n is not 1.
func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

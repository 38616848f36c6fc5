// Command genleague writes a generated league as a site root, for measuring the
// build on leagues of any size:
//
//	go run ./cmd/genleague -out /tmp/league-500 -models 500 -benchmarks 60 -dates 20 -news 20000 -posts 10
//	go run ./cmd/build -offline -src /tmp/league-500 -out /tmp/league-500/public
//
// The same flags always give the same files. Exit status: 0 on success, 1 when the
// league cannot be written, 2 on bad usage.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/ai-league/ai-league/internal/genleague"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	flags := flag.NewFlagSet("genleague", flag.ContinueOnError)
	flags.SetOutput(stderr)
	d := genleague.Defaults
	out := flags.String("out", "", "site root to write (must be empty or missing)")
	models := flags.Int("models", d.Models, "number of models")
	clubs := flags.Int("clubs", d.Clubs, "number of clubs")
	benchmarks := flags.Int("benchmarks", d.Benchmarks, "number of benchmarks")
	dates := flags.Int("dates", d.Dates, "number of result dates")
	news := flags.Int("news", d.News, "number of news items")
	posts := flags.Int("posts", d.Posts, "number of posts")
	seed := flags.Uint64("seed", d.Seed, "seed of the league")
	if err := flags.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if *out == "" || flags.NArg() > 0 {
		fmt.Fprintln(stderr, "genleague: want -out DIR and no arguments")
		flags.Usage()
		return 2
	}
	for _, f := range []struct {
		name string
		v    int
	}{{"models", *models}, {"clubs", *clubs}, {"benchmarks", *benchmarks}, {"dates", *dates}, {"news", *news}, {"posts", *posts}} {
		if f.v < 1 {
			fmt.Fprintf(stderr, "genleague: -%s must be at least 1, got %d\n", f.name, f.v)
			return 2
		}
	}
	l := genleague.Generate(genleague.Params{Models: *models, Clubs: *clubs, Benchmarks: *benchmarks,
		Dates: *dates, News: *news, Posts: *posts, Seed: *seed})
	if err := l.Write(*out); err != nil {
		fmt.Fprintf(stderr, "genleague: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "%s: %d clubs, %d models, %d benchmarks, %d results over %d dates, %d news, %d posts\n",
		*out, len(l.Clubs), len(l.Models), len(l.Benchmarks), len(l.Results), len(l.Dates), len(l.News), len(l.Posts))
	return 0
}

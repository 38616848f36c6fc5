// Package config reads site.yaml: the site's identity, the league rules and the
// sources the build pulls.
package config

import "github.com/ai-league/ai-league/internal/inputfs"

// Config is the whole of site.yaml.
type Config struct {
	Title       string
	Description string
	BaseURL     string // absolute, always ends in "/"
	Language    string // default "en"
	Author      string
	CNAME       string   // writes /CNAME when set
	FeedLimit   int      // default 50
	H2HPages    string   // which pairs get a /h2h/ page: H2HDivisions (default), H2HAll or H2HNamed
	MaxFileMB   int      // cap on each input file, in MiB; default 64
	League      League   // league rules
	Feeds       []Feed   // news feeds to pull
	ResultsURLs []string // results JSON to pull
}

// League holds the rules of SPEC section 5 that a site may configure.
type League struct {
	MinShared int        // default 3
	Divisions []Division // in order; a model goes to the first band it fits
}

// Division is a band of total parameter counts.
type Division struct {
	ID         string
	Name       string
	MaxParamsB float64 // upper bound, inclusive; 0 means no bound (the last division)
}

// Feed is one pulled news source.
type Feed struct {
	ID       string
	Name     string
	URL      string
	Category string   // release | policy | benchmark | research
	Include  []string // keep only items mentioning one of these (case-insensitive), when set
	Exclude  []string // drop items mentioning one of these
}

// The values of h2h_pages. Every choice also gives a page to each pair a post names.
const (
	H2HDivisions = "divisions" // pairs that met in a division (both in the same one)
	H2HAll       = "all"       // every pair that met
	H2HNamed     = "named"     // only the pairs posts name
)

// H2HChoices are the values h2h_pages accepts.
var H2HChoices = []string{H2HDivisions, H2HAll, H2HNamed}

// Default returns the configuration a site.yaml that sets nothing would give.
func Default() Config {
	return Config{
		Language:  "en",
		FeedLimit: 50,
		H2HPages:  H2HDivisions,
		MaxFileMB: inputfs.DefaultMaxMB,
		League: League{
			MinShared: 3,
			Divisions: []Division{
				{ID: "pocket", Name: "Pocket", MaxParamsB: 6},
				{ID: "laptop", Name: "Laptop", MaxParamsB: 16},
				{ID: "workstation", Name: "Workstation", MaxParamsB: 48},
				{ID: "datacenter", Name: "Datacenter"},
			},
		},
	}
}

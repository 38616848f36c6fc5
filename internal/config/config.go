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
	H2HPages    string   // which pairs get a /h2h/ page: H2HNeighbours (default), H2HDivisions, H2HAll or H2HNamed
	H2HPlaces   int      // with H2HNeighbours: how many places apart two models of a division may be; default 5
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
	H2HAuto       = "auto"       // the default: divisions, or neighbours when divisions would give more than AutoH2HLimit pages
	H2HNeighbours = "neighbours" // pairs of a division that met and stood within h2h_places places of each other in its table on some snapshot
	H2HDivisions  = "divisions"  // pairs that met in a division (both in the same one)
	H2HAll        = "all"        // every pair that met
	H2HNamed      = "named"      // only the pairs posts name
)

// H2HChoices are the values h2h_pages accepts.
var H2HChoices = []string{H2HAuto, H2HNeighbours, H2HDivisions, H2HAll, H2HNamed}

// AutoH2HLimit is how many pairs of divisions that met h2h_pages: auto gives pages to
// (as divisions does) before it gives them only to neighbours: past it, a league's
// head-to-heads grow with the square of its divisions (34,335 pages at 500 models).
const AutoH2HLimit = 10000

// DefaultH2HPlaces is h2h_places when site.yaml does not set it.
const DefaultH2HPlaces = 5

// Default returns the configuration a site.yaml that sets nothing would give.
func Default() Config {
	return Config{
		Language:  "en",
		FeedLimit: 50,
		H2HPages:  H2HAuto,
		H2HPlaces: DefaultH2HPlaces,
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

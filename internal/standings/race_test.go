//go:build race

package standings

// raceDetector is true when the tests run with -race, which slows the fits tenfold.
const raceDetector = true

package pull

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"path/filepath"
	"sync/atomic"
	"testing"

	"github.com/ai-league/ai-league/internal/config"
)

// fakeResolver answers from a table; an unknown name does not resolve.
type fakeResolver map[string][]string

func (f fakeResolver) LookupNetIP(_ context.Context, _, host string) ([]netip.Addr, error) {
	list, ok := f[host]
	if !ok {
		return nil, &net.DNSError{Err: "no such host", Name: host, IsNotFound: true}
	}
	var out []netip.Addr
	for _, s := range list {
		out = append(out, netip.MustParseAddr(s))
	}
	return out, nil
}

// publicHost plays a feed host on the public internet: its name resolves to a
// documentation address, and dialling that address reaches the test server on
// loopback. Every other address dialled is recorded and refused.
type publicHost struct {
	srv    *httptest.Server
	dialed []string
}

func (p *publicHost) dial(ctx context.Context, network, address string) (net.Conn, error) {
	p.dialed = append(p.dialed, address)
	if address == "203.0.113.10:80" {
		var d net.Dialer
		return d.DialContext(ctx, network, p.srv.Listener.Addr().String())
	}
	return nil, fmt.Errorf("test dialer: no route to %s", address)
}

func TestPullRefusesInternalAddresses(t *testing.T) {
	var secretHits atomic.Int32
	secret := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		secretHits.Add(1)
		w.Write(mustRead(t, "../news/testdata/rss.xml"))
	}))
	defer secret.Close()

	mux := http.NewServeMux()
	mux.HandleFunc("/feed.xml", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Write(mustRead(t, "../news/testdata/rss.xml"))
	})
	mux.HandleFunc("/moved", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/feed.xml", http.StatusFound)
	})
	mux.HandleFunc("/to-loopback", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, secret.URL+"/feed.xml", http.StatusFound)
	})
	mux.HandleFunc("/to-metadata", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "http://169.254.169.254/latest/meta-data/", http.StatusFound)
	})
	mux.HandleFunc("/to-intranet", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "http://intranet.example/feed.xml", http.StatusFound)
	})
	mux.HandleFunc("/to-v6-loopback", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "http://v6.example/feed.xml", http.StatusFound)
	})
	mux.HandleFunc("/to-zero", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "http://zero.example/feed.xml", http.StatusFound)
	})
	mux.HandleFunc("/to-mapped", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "http://[::ffff:192.168.1.1]/feed.xml", http.StatusFound)
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	host := &publicHost{srv: srv}
	resolver := fakeResolver{
		"feed.example":     {"203.0.113.10"},
		"intranet.example": {"10.1.2.3"},
		"v6.example":       {"::1"},
		"zero.example":     {"0.0.0.0"},
		"mixed.example":    {"192.168.0.7", "203.0.113.10"},
		"localhost":        {"127.0.0.1"},
	}
	_, secretPort, _ := net.SplitHostPort(secret.Listener.Addr().String())

	cases := []struct {
		name, url, want string // want "" means the pull succeeds
	}{
		{"public host", "http://feed.example/feed.xml", ""},
		{"redirect on the public host", "http://feed.example/moved", ""},
		{"a name with an internal and a public address dials the public one", "http://mixed.example/feed.xml", ""},
		{"redirect to loopback by number", "http://feed.example/to-loopback",
			"redirect to " + secret.URL + "/feed.xml refused: 127.0.0.1 is a loopback address"},
		{"redirect to the cloud metadata address", "http://feed.example/to-metadata",
			"redirect to http://169.254.169.254/latest/meta-data/ refused: 169.254.169.254 is a link-local address"},
		{"redirect to a name that resolves to a private address", "http://feed.example/to-intranet",
			"refused to connect to intranet.example: it resolves to 10.1.2.3, a private address"},
		{"redirect to a name that resolves to IPv6 loopback", "http://feed.example/to-v6-loopback",
			"refused to connect to v6.example: it resolves to ::1, a loopback address"},
		{"redirect to a name that resolves to the unspecified address", "http://feed.example/to-zero",
			"refused to connect to zero.example: it resolves to 0.0.0.0, an unspecified address"},
		{"redirect to an IPv4-mapped private address", "http://feed.example/to-mapped",
			"redirect to http://[::ffff:192.168.1.1]/feed.xml refused: 192.168.1.1 is a private address"},
		{"configured by a name that resolves to loopback", "http://localhost:" + secretPort + "/feed.xml",
			"refused to connect to localhost: it resolves to 127.0.0.1, a loopback address"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			host.dialed = nil
			opt := testOptions()
			opt.Resolver, opt.Dial = resolver, host.dial
			feeds := []config.Feed{{ID: "f", Name: "F", URL: c.url, Category: "release"}}
			w, err := Pull(context.Background(), feeds, nil, filepath.Join(t.TempDir(), "cache"), opt)
			if err != nil {
				t.Fatal(err)
			}
			if c.want == "" {
				if len(w) != 0 {
					t.Fatalf("warnings: %v", w)
				}
				for _, d := range host.dialed {
					if d != "203.0.113.10:80" {
						t.Errorf("dialled %s", d)
					}
				}
				return
			}
			if len(w) != 1 || w[0].Reason != c.want {
				t.Fatalf("warnings = %v, want one with reason %q", w, c.want)
			}
			if want := fmt.Sprintf("feed f (%s): %s; no cached copy", c.url, c.want); w[0].String() != want {
				t.Errorf("warning line = %q, want %q", w[0].String(), want)
			}
			for _, d := range host.dialed {
				if d != "203.0.113.10:80" {
					t.Errorf("dialled the internal address %s", d)
				}
			}
		})
	}
	if n := secretHits.Load(); n != 0 {
		t.Errorf("the internal server was reached %d times", n)
	}
}

// TestPullLocalTestServer: a source configured with an internal address by number
// (a local test server) may be fetched, redirects within it are followed, and a
// redirect to another port of the same machine is refused.
func TestPullLocalTestServer(t *testing.T) {
	var secretHits atomic.Int32
	secret := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		secretHits.Add(1)
		w.Write(mustRead(t, "../news/testdata/rss.xml"))
	}))
	defer secret.Close()
	mux := http.NewServeMux()
	mux.HandleFunc("/feed.xml", func(w http.ResponseWriter, r *http.Request) {
		w.Write(mustRead(t, "../news/testdata/rss.xml"))
	})
	mux.HandleFunc("/moved", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/feed.xml", http.StatusFound)
	})
	mux.HandleFunc("/away", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, secret.URL+"/feed.xml", http.StatusFound)
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()

	feeds := []config.Feed{
		{ID: "local", URL: srv.URL + "/feed.xml", Category: "release"},
		{ID: "moved", URL: srv.URL + "/moved", Category: "release"},
		{ID: "away", URL: srv.URL + "/away", Category: "release"},
	}
	w, err := Pull(context.Background(), feeds, nil, filepath.Join(t.TempDir(), "cache"), testOptions())
	if err != nil {
		t.Fatal(err)
	}
	want := "feed away (" + srv.URL + "/away): redirect to " + secret.URL + "/feed.xml refused: 127.0.0.1 is a loopback address; no cached copy"
	if len(w) != 1 || w[0].String() != want {
		t.Fatalf("warnings = %v, want only %q", w, want)
	}
	if n := secretHits.Load(); n != 0 {
		t.Errorf("the other local server was reached %d times", n)
	}
}

// TestControlAddress checks the socket's last check on its own, as the kernel
// would call it just before connecting.
func TestControlAddress(t *testing.T) {
	allowed := netip.MustParseAddrPort("127.0.0.1:8080")
	control := controlAddress(allowed)
	cases := []struct{ addr, want string }{
		{"127.0.0.1:8080", ""},
		{"127.0.0.1:8081", "refused to connect to 127.0.0.1: a loopback address"},
		{"[fe80::1]:80", "refused to connect to fe80::1: a link-local address"},
		{"172.16.4.4:443", "refused to connect to 172.16.4.4: a private address"},
		{"[fd00::1]:443", "refused to connect to fd00::1: a private address"},
		{"0.0.0.0:80", "refused to connect to 0.0.0.0: an unspecified address"},
		{"100.64.0.1:80", "refused to connect to 100.64.0.1: a private address"},
		{"93.184.215.14:443", ""},
		{"[2606:4700::1111]:443", ""},
		{"example.org:80", "refused to connect to example.org:80: not a numeric address"},
	}
	for _, c := range cases {
		err := control("tcp", c.addr, nil)
		got := ""
		if err != nil {
			got = err.Error()
		}
		if got != c.want {
			t.Errorf("control(%s) = %q, want %q", c.addr, got, c.want)
		}
	}
}

// TestDefaultDialerRefusesLoopback goes through the real dialer: a pull whose
// resolver sends a public name to loopback never connects.
func TestDefaultDialerRefusesLoopback(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { hits.Add(1) }))
	defer srv.Close()
	_, port, _ := net.SplitHostPort(srv.Listener.Addr().String())
	conn, err := netDial(context.Background(), "tcp", "127.0.0.1:"+port)
	if err == nil {
		conn.Close()
		t.Fatal("the default dialer connected to loopback")
	}
	if want := "dial tcp 127.0.0.1:" + port + ": refused to connect to 127.0.0.1: a loopback address"; err.Error() != want {
		t.Errorf("error = %q, want %q", err, want)
	}
	if hits.Load() != 0 {
		t.Error("the server was reached")
	}
}

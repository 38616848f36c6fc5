package pull

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// A feed host must not be able to point the build at the machine it runs on or at
// its network: a redirect to http://127.0.0.1:8080/admin, or a name that resolves to
// 10.0.0.5, would otherwise be fetched and its answer published. So every
// connection goes through a dialer that resolves the host itself, refuses internal
// addresses (loopback, link-local, private, unspecified, and the like), and dials
// the address it checked — by number, so a second lookup cannot answer
// differently. The socket's Control hook checks the address once more just before
// connecting. The one exception is the address a source is configured with: a
// publisher who lists http://127.0.0.1:8080/feed.xml (a local test server) may
// fetch from it, and from nothing else internal.

// Resolver looks up the addresses of a host name; *net.Resolver is one. Tests
// give a fake one.
type Resolver interface {
	LookupNetIP(ctx context.Context, network, host string) ([]netip.Addr, error)
}

// DialFunc opens a connection to a numeric address ("203.0.113.7:443").
type DialFunc func(ctx context.Context, network, address string) (net.Conn, error)

// BlockedError is a connection refused because its address is internal.
type BlockedError struct {
	Host string     // the host name asked for, or the address itself
	Addr netip.Addr // the internal address
	Kind string     // e.g. "loopback"
}

func (e *BlockedError) Error() string {
	if e.Host == "" || e.Host == e.Addr.String() {
		return fmt.Sprintf("refused to connect to %s: %s %s address", e.Addr, article(e.Kind), e.Kind)
	}
	return fmt.Sprintf("refused to connect to %s: it resolves to %s, %s %s address", e.Host, e.Addr, article(e.Kind), e.Kind)
}

// article is "a" or "an" for the word that follows.
func article(word string) string {
	if word != "" && strings.ContainsRune("aeiou", rune(word[0])) {
		return "an"
	}
	return "a"
}

// internalKind names the kind of an internal address, or returns "" for an
// address on the public internet.
func internalKind(a netip.Addr) string {
	a = a.Unmap()
	switch {
	case !a.IsValid():
		return "invalid"
	case a.IsUnspecified():
		return "unspecified"
	case a.IsLoopback():
		return "loopback"
	case a.IsLinkLocalUnicast(), a.IsLinkLocalMulticast():
		return "link-local"
	case a.IsPrivate():
		return "private"
	case a.IsMulticast(), a.IsInterfaceLocalMulticast():
		return "multicast"
	}
	for _, p := range specialPrefixes {
		if p.prefix.Contains(a) {
			return p.kind
		}
	}
	return ""
}

// specialPrefixes are further ranges that do not lead to the public internet.
var specialPrefixes = []struct {
	prefix netip.Prefix
	kind   string
}{
	{netip.MustParsePrefix("0.0.0.0/8"), "unspecified"},       // "this network"
	{netip.MustParsePrefix("100.64.0.0/10"), "private"},       // carrier-grade NAT
	{netip.MustParsePrefix("192.0.0.0/24"), "private"},        // IETF protocol assignments
	{netip.MustParsePrefix("198.18.0.0/15"), "private"},       // benchmarking
	{netip.MustParsePrefix("240.0.0.0/4"), "private"},         // reserved, and broadcast
	{netip.MustParsePrefix("64:ff9b:1::/48"), "private"},      // local-use IPv4/IPv6 translation
	{netip.MustParsePrefix("2001:db8::/32"), "documentation"}, // never routed
}

// allowedKey carries, in a request's context, the one internal address and port
// its source was configured with.
type allowedKey struct{}

// allowConfigured returns ctx allowing connections to the host and port of u when
// that host is itself an internal address given by number.
func allowConfigured(ctx context.Context, u *url.URL) context.Context {
	a, err := netip.ParseAddr(u.Hostname())
	if err != nil || internalKind(a) == "" {
		return ctx
	}
	port := u.Port()
	if port == "" {
		port = map[string]string{"http": "80", "https": "443"}[u.Scheme]
	}
	n, err := strconv.ParseUint(port, 10, 16)
	if err != nil {
		return ctx
	}
	return context.WithValue(ctx, allowedKey{}, netip.AddrPortFrom(a.Unmap(), uint16(n)))
}

// allowedIn returns the allowance of ctx (the zero AddrPort when none).
func allowedIn(ctx context.Context) netip.AddrPort {
	a, _ := ctx.Value(allowedKey{}).(netip.AddrPort)
	return a
}

// guardedDialer resolves, checks and dials.
type guardedDialer struct {
	resolver Resolver
	dial     DialFunc
}

func (g guardedDialer) DialContext(ctx context.Context, network, address string) (net.Conn, error) {
	host, port, err := net.SplitHostPort(address)
	if err != nil {
		return nil, err
	}
	allowed := allowedIn(ctx)
	portN, err := strconv.ParseUint(port, 10, 16)
	if err != nil {
		return nil, fmt.Errorf("bad port in %s", address)
	}
	var addrs []netip.Addr
	if a, err := netip.ParseAddr(host); err == nil {
		addrs = []netip.Addr{a}
	} else if addrs, err = g.resolver.LookupNetIP(ctx, "ip", host); err != nil {
		return nil, err
	}
	var refused error
	var lastErr error
	for _, a := range addrs {
		a = a.Unmap()
		if kind := internalKind(a); kind != "" && netip.AddrPortFrom(a, uint16(portN)) != allowed {
			if refused == nil {
				refused = &BlockedError{Host: host, Addr: a, Kind: kind}
			}
			continue
		}
		conn, err := g.dial(ctx, network, net.JoinHostPort(a.String(), port))
		if err == nil {
			return conn, nil
		}
		lastErr = err
	}
	switch {
	case lastErr != nil:
		return nil, lastErr
	case refused != nil:
		return nil, refused
	}
	return nil, &net.DNSError{Err: "no addresses", Name: host, IsNotFound: true}
}

// controlAddress is the socket's last check: it refuses an internal address
// unless it is the configured one. It runs just before connect(2).
func controlAddress(allowed netip.AddrPort) func(network, address string, _ syscall.RawConn) error {
	return func(network, address string, _ syscall.RawConn) error {
		ap, err := netip.ParseAddrPort(address)
		if err != nil {
			return fmt.Errorf("refused to connect to %s: not a numeric address", address)
		}
		a := ap.Addr().Unmap()
		if kind := internalKind(a); kind != "" && netip.AddrPortFrom(a, ap.Port()) != allowed {
			return &BlockedError{Addr: a, Kind: kind}
		}
		return nil
	}
}

// netDial dials with the Control check, using the allowance in ctx.
func netDial(ctx context.Context, network, address string) (net.Conn, error) {
	d := net.Dialer{Timeout: DefaultRequestTimeout, KeepAlive: -1, Control: controlAddress(allowedIn(ctx))}
	return d.DialContext(ctx, network, address)
}

// guardedClient is the client of a pull made without Options.Client: no proxy (a
// proxy would connect on the build's behalf, unchecked), no connection reuse (a
// connection allowed for one source must not serve another), and the guarded
// dialer.
func guardedClient(resolver Resolver, dial DialFunc) *http.Client {
	if resolver == nil {
		resolver = net.DefaultResolver
	}
	if dial == nil {
		dial = netDial
	}
	return &http.Client{Transport: &http.Transport{
		Proxy:               nil,
		DialContext:         guardedDialer{resolver: resolver, dial: dial}.DialContext,
		DisableKeepAlives:   true,
		ForceAttemptHTTP2:   true,
		TLSHandshakeTimeout: DefaultRequestTimeout,
		MaxIdleConns:        0,
		IdleConnTimeout:     time.Second,
	}}
}

// checkRedirectTarget refuses, before any lookup, a redirect to an internal
// address given by number; names are checked when dialled.
func checkRedirectTarget(req *http.Request) error {
	a, err := netip.ParseAddr(req.URL.Hostname())
	if err != nil {
		return nil
	}
	a = a.Unmap()
	kind := internalKind(a)
	if kind == "" {
		return nil
	}
	port := req.URL.Port()
	if port == "" {
		port = map[string]string{"http": "80", "https": "443"}[req.URL.Scheme]
	}
	if n, err := strconv.ParseUint(port, 10, 16); err == nil && netip.AddrPortFrom(a, uint16(n)) == allowedIn(req.Context()) {
		return nil
	}
	return fmt.Errorf("redirect to %s refused: %s is %s %s address", req.URL, a, article(kind), kind)
}

// blockedReason finds a BlockedError in err.
func blockedReason(err error) (string, bool) {
	var b *BlockedError
	if errors.As(err, &b) {
		return b.Error(), true
	}
	return "", false
}

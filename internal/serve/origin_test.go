package serve

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// rawGet sends a request with target and host exactly as given, as a hostile client or a
// page on another site would, and returns the response and its body.
func rawGet(t *testing.T, addr, target, host string) (*http.Response, string) {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(10 * time.Second)) // an event stream must not hang the test
	fmt.Fprintf(c, "GET %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n", target, host)
	resp, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		t.Fatalf("GET %s (Host %s): %v", target, host, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

// TestServeRedirectsStayOnOrigin: whatever the path, a redirect goes to a path of the
// server itself, never to another host (an open redirect), including as browsers read a
// Location: a backslash counts as a slash.
func TestServeRedirectsStayOnOrigin(t *testing.T) {
	s, _ := start(t)
	addr := s.ln.Addr().String()
	base, _ := url.Parse(s.URL())
	targets := []string{
		"/guide", "/guide?q=1",
		"//evil.example/x", "//evil.example/../guide", "//evil.example/..//guide", "///evil.example/../guide",
		"/%2fevil.example%2f..%2fguide", "/%2Fevil.example/../guide", "/%2f%2fevil.example%2f..%2fguide",
		`/\evil.example/../guide`, `/\\evil.example/../guide`, `\\evil.example/../guide`,
		"/%5cevil.example/..%2fguide", "/%5C%5Cevil.example%2f..%2fguide", "/%5c/evil.example/../guide",
		"/.//evil.example/../guide", "/%09/evil.example/../guide", "/%2e%2e//evil.example/../guide",
		"/guide?//evil.example", "/@evil.example/../guide", "/http:%2f%2fevil.example%2f..%2f..%2fguide",
	}
	redirects := 0
	for _, target := range targets {
		resp, _ := rawGet(t, addr, target, base.Host)
		if resp.StatusCode < 300 || resp.StatusCode > 399 {
			continue
		}
		redirects++
		loc := resp.Header.Get("Location")
		// WHATWG URL parsing treats a backslash as a slash in http(s) URLs.
		u, err := base.Parse(strings.ReplaceAll(loc, `\`, "/"))
		if err != nil || u.Host != base.Host || !strings.HasPrefix(loc, "/") || strings.HasPrefix(loc, "//") {
			t.Errorf("GET %s: %d to %q, which leaves %s", target, resp.StatusCode, loc, base.Host)
		}
	}
	if redirects < 2 {
		t.Errorf("only %d of the requests were redirected: /guide must redirect to /guide/", redirects)
	}
	if resp, _ := rawGet(t, addr, "/guide?q=1", base.Host); resp.Header.Get("Location") != "/guide/?q=1" {
		t.Errorf("GET /guide?q=1: Location %q, want /guide/?q=1", resp.Header.Get("Location"))
	}
}

// TestServeRefusesOtherHosts: a request whose Host is not the address served is refused,
// so that a page of another site cannot read the preview through a DNS name that it
// points at 127.0.0.1 (DNS rebinding).
func TestServeRefusesOtherHosts(t *testing.T) {
	s, _ := start(t)
	addr := s.ln.Addr().String()
	_, port, _ := net.SplitHostPort(addr)
	for _, host := range []string{"127.0.0.1:" + port, "localhost:" + port, "[::1]:" + port, "LOCALHOST:" + port} {
		for _, target := range []string{"/", "/_coexport/livereload.js", "/guide/portage/"} {
			if resp, _ := rawGet(t, addr, target, host); resp.StatusCode != http.StatusOK {
				t.Errorf("GET %s with Host %s = %d, want 200", target, host, resp.StatusCode)
			}
		}
	}
	for _, host := range []string{"evil.example:" + port, "evil.example", "127.0.0.1", "localhost", "127.0.0.1:1",
		"127.0.0.1.nip.io:" + port, "localhost.evil.example:" + port,
		"[::1]", "0.0.0.0:" + port, "10.0.0.1:" + port} {
		for _, target := range []string{"/", "/_coexport/events", "/_coexport/livereload.js", "/guide", "/nope/"} {
			resp, body := rawGet(t, addr, target, host)
			if resp.StatusCode != http.StatusMisdirectedRequest {
				t.Errorf("GET %s with Host %s = %d, want 421", target, host, resp.StatusCode)
			}
			if strings.Contains(body, "Guide de test") {
				t.Errorf("GET %s with Host %s: the site was served", target, host)
			}
		}
	}
}

func TestHostAllowed(t *testing.T) {
	tests := []struct {
		host, listen string
		want         bool
	}{
		{"127.0.0.1:1313", "127.0.0.1:1313", true},
		{"localhost:1313", "127.0.0.1:1313", true},
		{"[::1]:1313", "127.0.0.1:1313", true},
		{"Localhost.:1313", "127.0.0.1:1313", true},
		{"evil.example:1313", "127.0.0.1:1313", false},
		{"localhost:1314", "127.0.0.1:1313", false},
		{"localhost", "127.0.0.1:1313", false},
		{"localhost", "127.0.0.1:80", true},
		{"", "127.0.0.1:1313", false},
		{"preview.lan:1313", "preview.lan:1313", true},
		{"PREVIEW.LAN:1313", "preview.lan:1313", true},
		{"evil.example:1313", "preview.lan:1313", false},
		// Listening on every interface: the machine's addresses are reached by IP; an IP
		// cannot be rebound, a name can.
		{"192.168.1.20:1313", "0.0.0.0:1313", true},
		{"[fe80::1]:1313", "[::]:1313", true},
		{"evil.example:1313", "0.0.0.0:1313", false},
		{"192.168.1.20:1313", "127.0.0.1:1313", false},
	}
	for _, tt := range tests {
		if got := hostAllowed(tt.host, tt.listen); got != tt.want {
			t.Errorf("hostAllowed(%q, %q) = %v, want %v", tt.host, tt.listen, got, tt.want)
		}
	}
}

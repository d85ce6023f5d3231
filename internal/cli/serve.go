package cli

import (
	"fmt"
	"os/exec"
	"runtime"
	"time"

	"coexport/internal/serve"
)

func runServe(args []string, env Env) int {
	fs := newFlags("serve", "[-src DIR] [-addr 127.0.0.1:1313] [-drafts] [-open]", env)
	src := fs.String("src", ".", "the project `folder`")
	addr := fs.String("addr", "127.0.0.1:1313", "the `address` to listen on (loopback by default)")
	drafts := fs.Bool("drafts", false, "show pages marked draft: true")
	open := fs.Bool("open", false, "open the site in the browser")
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	dateFn := func() time.Time { return time.Now().UTC() }
	if env.Getenv("SOURCE_DATE_EPOCH") != "" {
		d, err := buildDate(env)
		if err != nil {
			fmt.Fprintln(env.Stderr, "coexport:", err)
			return ExitUsage
		}
		dateFn = func() time.Time { return d }
	}
	s, err := serve.Start(serve.Config{Src: *src, Addr: *addr, Drafts: *drafts, BuildDate: dateFn, Log: env.Stderr})
	if err != nil {
		fmt.Fprintln(env.Stderr, "coexport:", err)
		return ExitContent
	}
	fmt.Fprintf(env.Stdout, "serving %s (Ctrl-C to stop)\n", s.URL())
	if *open {
		openBrowser(s.URL())
	}
	<-env.Interrupt
	fmt.Fprintln(env.Stdout, "stopping")
	if err := s.Close(); err != nil {
		fmt.Fprintln(env.Stderr, "coexport:", err)
	}
	return ExitOK
}

func openBrowser(url string) {
	cmd := "xdg-open"
	if runtime.GOOS == "darwin" {
		cmd = "open"
	}
	_ = exec.Command(cmd, url).Start()
}

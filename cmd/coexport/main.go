// Command coexport builds and serves the Guide des bonnes pratiques du co-export.
// It is a shim: the program is cli.Main.
package main

import (
	"os"
	"os/signal"
	"syscall"

	"coexport/internal/cli"
)

func main() {
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	os.Exit(cli.Main(os.Args[1:], cli.Env{Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv, Interrupt: sig}))
}

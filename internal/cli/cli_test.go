package cli_test

import (
	"os"
	"os/signal"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"coexport/internal/cli"
)

// TestMain makes the test binary also the coexport command, so that the scripts run the
// real program: arguments, stdio, exit codes.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"coexport": func() {
			sig := make(chan os.Signal, 1)
			signal.Notify(sig, os.Interrupt)
			os.Exit(cli.Main(os.Args[1:], cli.Env{Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv, Interrupt: sig}))
		},
	})
}

// TestScripts runs testdata/script/*.txtar: each builds or checks a small site and asserts
// the exit code, the messages and the output tree.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir: "../../testdata/script",
		Setup: func(env *testscript.Env) error {
			env.Setenv("SOURCE_DATE_EPOCH", "1795680000") // 2026-11-26
			return nil
		},
	})
}

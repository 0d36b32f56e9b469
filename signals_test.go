package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/ideas-hub/hub/internal/hubtest"
	"github.com/ideas-hub/hub/internal/synth"
)

// stopWithin bounds the time from a signal to the process's exit. It is a
// bound on a hang, not a speed check: on an idle machine the commands stop
// in 50–300 ms.
const stopWithin = time.Second

// TestSignalsStopCommandsAndKeepThePreviousBuild sends SIGTERM and SIGINT to
// the real binary while it builds, checks or serves a 3,000-page hub, and
// checks that it stops within stopWithin and that public/ and the index are
// byte for byte the previous build's.
func TestSignalsStopCommandsAndKeepThePreviousBuild(t *testing.T) {
	hubtest.SkipUnlessLong(t, "builds a 3,000-page hub several times")
	bin := buildBinary(t)
	site := filepath.Join(t.TempDir(), "site")
	if err := synth.Write(site, synth.Options{Pages: 3000, Seed: 26}); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(bin, "build", "--site", site, "--quiet").CombinedOutput(); err != nil {
		t.Fatalf("first build: %v\n%s", err, out)
	}
	// What a reader and the search endpoint are served: public/ and the index.
	served := []string{filepath.Join(site, "public"), filepath.Join(site, ".hub", "search.bleve")}
	before := [2]map[string]string{hubtest.Snapshot(t, served[0]), hubtest.Snapshot(t, served[1])}
	// An edit, so that a build that went through would differ from before.
	edited := filepath.Join(site, "content", "stories")
	entries, err := os.ReadDir(edited)
	if err != nil || len(entries) == 0 {
		t.Fatalf("no stories: %v", err)
	}
	page := filepath.Join(edited, entries[0].Name())
	data, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(page, append(data, "\nA sentence added after the first build.\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	unchanged := func(t *testing.T) {
		t.Helper()
		for i, dir := range served {
			if diff := hubtest.Diff(before[i], hubtest.Snapshot(t, dir), 10); len(diff) > 0 {
				t.Errorf("%s changed:\n%s", dir, strings.Join(diff, "\n"))
			}
		}
		// An index writer abandoned on the way out may leave its folder,
		// marked, for the next build to remove (see search.abandon).
		for _, pattern := range []string{".hub/.search.bleve.build-*[0-9]", ".public.building-*"} {
			if left, _ := filepath.Glob(filepath.Join(site, pattern)); len(left) > 0 {
				t.Errorf("work folders left behind: %v", left)
			}
		}
	}

	t.Run("build/SIGTERM while the index is written", func(t *testing.T) {
		p := start(t, bin, "build", "--site", site)
		p.waitFor(t, appears(filepath.Join(site, ".hub"), ".search.bleve.build-"))
		p.stop(t, syscall.SIGTERM, 1, "interrupted")
		unchanged(t)
	})
	t.Run("build/SIGTERM while pages are written", func(t *testing.T) {
		os.RemoveAll(filepath.Join(site, filepath.FromSlash(keptOutputDir))) // so its first file shows when writing starts
		p := start(t, bin, "build", "--site", site)
		p.waitFor(t, appears(filepath.Join(site, filepath.FromSlash(keptOutputDir)), ""))
		p.stop(t, syscall.SIGTERM, 1, "interrupted")
		unchanged(t)
	})
	t.Run("build/SIGTERM while goldmark is deep in one file", func(t *testing.T) {
		// 3,000 nested list items took minutes, and SIGTERM waited for them.
		// The limits now turn such a file away; the slowest one within
		// them, lists nested 49 deep for 1 MB, still keeps goldmark busy
		// for a second or more.
		var deep strings.Builder
		deep.WriteString("---\ntitle: Deep\ndate: 2025-01-01\n---\n")
		for deep.Len() < 1_000_000 {
			for i := range 49 {
				deep.WriteString(strings.Repeat("  ", i) + "- x\n")
			}
			deep.WriteString("\n")
		}
		page := filepath.Join(site, "content", "stories", "deep.md")
		if err := os.WriteFile(page, []byte(deep.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		defer os.Remove(page)
		p := start(t, bin, "build", "--site", site)
		p.waitFor(t, func() (bool, error) { return time.Since(p.started) > 500*time.Millisecond, nil })
		p.stop(t, syscall.SIGTERM, 1, "interrupted")
		unchanged(t)
	})
	t.Run("check/SIGINT", func(t *testing.T) {
		p := start(t, bin, "check", "--site", site)
		p.waitFor(t, func() (bool, error) { return time.Since(p.started) > 500*time.Millisecond, nil })
		p.stop(t, syscall.SIGINT, 1, "interrupted")
		unchanged(t)
	})
	t.Run("serve/SIGINT while it builds", func(t *testing.T) {
		os.RemoveAll(filepath.Join(site, filepath.FromSlash(keptOutputDir)))
		p := start(t, bin, "serve", "--site", site, "--addr", "127.0.0.1:0", "--watch=false")
		p.waitFor(t, appears(filepath.Join(site, filepath.FromSlash(keptOutputDir)), ""))
		p.stop(t, syscall.SIGINT, 1, "interrupted")
		unchanged(t)
	})
	t.Run("serve --watch/SIGINT while it builds", func(t *testing.T) {
		os.RemoveAll(filepath.Join(site, filepath.FromSlash(keptOutputDir)))
		p := start(t, bin, "serve", "--site", site, "--addr", "127.0.0.1:0")
		p.waitFor(t, appears(filepath.Join(site, filepath.FromSlash(keptOutputDir)), ""))
		p.stop(t, syscall.SIGINT, 1, "hub serve: interrupted")
	})
	t.Run("serve/SIGTERM while it serves", func(t *testing.T) {
		p := start(t, bin, "serve", "--site", site, "--addr", "127.0.0.1:0", "--watch=false")
		p.waitFor(t, func() (bool, error) { return strings.HasPrefix(p.stdout.String(), "serving http://"), nil })
		p.stop(t, syscall.SIGTERM, 0, "")
		// serve built the edited site before serving: a stop changes nothing after that.
		if b, _ := os.ReadFile(filepath.Join(site, "public", "stories", strings.TrimSuffix(entries[0].Name(), ".md"), "index.html")); !bytes.Contains(b, []byte("A sentence added after the first build.")) {
			t.Error("serve did not build the edited page before serving")
		}
	})
	t.Run("serve --watch/SIGINT with a page open", func(t *testing.T) {
		// A page's live reload stream held the shutdown for its whole 5 s.
		small := hubtest.CopySite(t, "testdata/site")
		p := start(t, bin, "serve", "--site", small, "--addr", "127.0.0.1:0")
		p.waitFor(t, func() (bool, error) { return strings.HasPrefix(p.stdout.String(), "serving http://"), nil })
		base := strings.TrimSpace(strings.TrimPrefix(strings.SplitN(p.stdout.String(), "\n", 2)[0], "serving "))
		res, err := http.Get(base + "_hub/events")
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		if line, err := bufio.NewReader(res.Body).ReadString('\n'); err != nil || line != "event: hello\n" {
			t.Fatalf("events: %q %v", line, err)
		}
		p.stop(t, syscall.SIGINT, 0, "")
	})
	t.Run("serve/SIGTERM with a download stalled", func(t *testing.T) {
		// A reader that stops reading held the shutdown for its whole 5 s.
		small := hubtest.CopySite(t, "testdata/site")
		big := make([]byte, 64<<20) // more than the sockets' buffers hold
		if err := os.MkdirAll(filepath.Join(small, "static"), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(small, "static", "big.bin"), big, 0o644); err != nil {
			t.Fatal(err)
		}
		p := start(t, bin, "serve", "--site", small, "--addr", "127.0.0.1:0", "--watch=false")
		p.waitFor(t, func() (bool, error) { return strings.HasPrefix(p.stdout.String(), "serving http://"), nil })
		base := strings.TrimSpace(strings.TrimPrefix(strings.SplitN(p.stdout.String(), "\n", 2)[0], "serving "))
		res, err := http.Get(base + "big.bin")
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		if _, err := io.ReadFull(res.Body, make([]byte, 1024)); err != nil || res.StatusCode != 200 {
			t.Fatalf("download: %d %v", res.StatusCode, err)
		}
		p.stop(t, syscall.SIGTERM, 0, "")
	})
	// What the interrupted builds left behind does not get in the way, and
	// goes with the next build.
	if out, err := exec.Command(bin, "build", "--site", site, "--quiet").CombinedOutput(); err != nil {
		t.Fatalf("a build after the interrupted ones: %v\n%s", err, out)
	}
	if left, _ := filepath.Glob(filepath.Join(site, ".hub", ".search.bleve.build-*")); len(left) > 0 {
		t.Errorf("work folders left after a complete build: %v", left)
	}
}

// buildBinary builds hub once for the package's tests, into a temporary
// folder that TestMain removes: signals go to a process of its own, not to
// the test.
func buildBinary(t *testing.T) string {
	t.Helper()
	bin, err := hubBinary.build()
	if err != nil {
		t.Fatal(err)
	}
	return bin
}

// hubBinary is the hub command the tests that signal it share; go build
// links it in 5-10 s of CPU.
var hubBinary builtBinary

type builtBinary struct {
	mu  sync.Mutex
	dir string
	bin string
}

func (b *builtBinary) build() (string, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.bin != "" {
		return b.bin, nil
	}
	dir, err := os.MkdirTemp("", "hub-bin-")
	if err != nil {
		return "", err
	}
	bin := filepath.Join(dir, "hub")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		os.RemoveAll(dir)
		return "", fmt.Errorf("go build: %v\n%s", err, out)
	}
	b.dir, b.bin = dir, bin
	return bin, nil
}

// remove deletes the binary, if a test built it.
func (b *builtBinary) remove() {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.dir != "" {
		os.RemoveAll(b.dir)
		b.dir, b.bin = "", ""
	}
}

// process is a running hub command.
type process struct {
	cmd            *exec.Cmd
	started        time.Time
	stdout, stderr *lockedBuffer
	exited         chan struct{}
	exitedAt       time.Time
}

func start(t *testing.T, bin string, args ...string) *process {
	t.Helper()
	p := &process{cmd: exec.Command(bin, args...), stdout: &lockedBuffer{}, stderr: &lockedBuffer{}, exited: make(chan struct{})}
	p.cmd.Stdout, p.cmd.Stderr = p.stdout, p.stderr
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	p.started = time.Now()
	go func() {
		_ = p.cmd.Wait()
		p.exitedAt = time.Now()
		close(p.exited)
	}()
	t.Cleanup(func() {
		select {
		case <-p.exited:
		default:
			_ = p.cmd.Process.Kill()
			<-p.exited
		}
	})
	return p
}

// waitFor polls cond until it holds; the process must still be running then.
func (p *process) waitFor(t *testing.T, cond func() (bool, error)) {
	t.Helper()
	deadline := time.Now().Add(2 * time.Minute) // a bound on a hung test
	for time.Now().Before(deadline) {
		select {
		case <-p.exited:
			t.Fatalf("%v exited before the signal: %v\n%s", p.cmd.Args[1:], p.cmd.ProcessState, p.stderr.String())
		default:
		}
		ok, err := cond()
		if err != nil {
			t.Fatal(err)
		}
		if ok {
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Fatalf("%v: the moment to signal never came", p.cmd.Args[1:])
}

// stop sends sig and checks the process exits within stopWithin with code,
// its stderr containing msg.
func (p *process) stop(t *testing.T, sig syscall.Signal, code int, msg string) {
	t.Helper()
	sent := time.Now()
	if err := p.cmd.Process.Signal(sig); err != nil {
		t.Fatal(err)
	}
	select {
	case <-p.exited:
	case <-time.After(time.Minute):
		t.Fatalf("%v still running a minute after %v", p.cmd.Args[1:], sig)
	}
	took := p.exitedAt.Sub(sent)
	t.Logf("%v %.1f s in: exited %.3f s after %v", p.cmd.Args[1], sent.Sub(p.started).Seconds(), took.Seconds(), sig)
	if took > stopWithin {
		t.Errorf("exited %v after %v, want within %v", took.Round(time.Millisecond), sig, stopWithin)
	}
	if got := p.cmd.ProcessState.ExitCode(); got != code {
		t.Errorf("exit status %d, want %d; stderr:\n%s", got, code, p.stderr.String())
	}
	if !strings.Contains(p.stderr.String(), msg) {
		t.Errorf("stderr does not say %q:\n%s", msg, p.stderr.String())
	}
}

// appears reports when dir holds an entry whose name starts with prefix.
func appears(dir, prefix string) func() (bool, error) {
	return func() (bool, error) {
		f, err := os.Open(dir)
		if os.IsNotExist(err) {
			return false, nil
		}
		if err != nil {
			return false, err
		}
		defer f.Close()
		for {
			names, err := f.Readdirnames(64)
			for _, n := range names {
				if strings.HasPrefix(n, prefix) {
					return true, nil
				}
			}
			if err == io.EOF {
				return false, nil
			}
			if err != nil {
				return false, err
			}
		}
	}
}

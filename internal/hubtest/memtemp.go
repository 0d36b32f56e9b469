package hubtest

import "os"

// memTempDir points the test process's temporary folder (TMPDIR, which
// t.TempDir and os.MkdirTemp use) at a fresh folder in /dev/shm, and
// returns a function that removes it. It leaves TMPDIR alone where it is
// set already, or where the system has no such tmpfs, or one mounted
// noexec (tests run binaries they build there: signals_test.go, go
// build's own work folder) or with less than 4 GB free (see usableMount).
//
// The tests of the root and generator packages copy sites and build them
// hundreds of times, and each build makes a folder for every page: on
// this project's VMs, whose /tmp is on disk, making and removing them
// took 4-6 s of the root package's 18-24 s of Go CPU and 3 s of the
// generator's 30 s (see MemDir). Every temporary file stays on one file
// system as before, so renames within it behave alike.
func memTempDir() (remove func()) {
	const shm = "/dev/shm"
	if os.Getenv("TMPDIR") != "" || !usableMount(shm) {
		return func() {}
	}
	dir, err := os.MkdirTemp(shm, "hubtest-tmp-")
	if err != nil {
		return func() {}
	}
	if err := os.Setenv("TMPDIR", dir); err != nil {
		os.Remove(dir)
		return func() {}
	}
	return func() {
		os.Unsetenv("TMPDIR")
		os.RemoveAll(dir)
	}
}

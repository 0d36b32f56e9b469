//go:build !linux

package hubtest

// execMount is false off Linux: only Linux has /dev/shm as a tmpfs for
// certain.
func execMount(string) bool { return false }

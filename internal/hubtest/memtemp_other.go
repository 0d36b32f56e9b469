//go:build !linux

package hubtest

// usableMount is false off Linux: only Linux has /dev/shm as a tmpfs for
// certain.
func usableMount(string) bool { return false }

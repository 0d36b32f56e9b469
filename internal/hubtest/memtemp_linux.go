package hubtest

import "syscall"

// memFolderFree is the room a tmpfs must have for memTempDir to use it:
// the long runs build hubs of 1,000 and 3,000 pages there, several times
// over, and Docker's /dev/shm is 64 MB.
const memFolderFree = 4 << 30

// usableMount reports whether dir is on a mounted file system that lets
// programs in it run (not mounted noexec) and has memFolderFree free.
func usableMount(dir string) bool {
	var st syscall.Statfs_t
	if err := syscall.Statfs(dir, &st); err != nil {
		return false
	}
	const noexec = 0x8 // ST_NOEXEC in statfs(2)'s f_flags
	return st.Flags&noexec == 0 && st.Bavail*uint64(st.Bsize) >= memFolderFree
}

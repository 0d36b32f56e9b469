package hubtest

import "syscall"

// execMount reports whether dir is on a mounted file system that lets
// programs in it run (not mounted noexec).
func execMount(dir string) bool {
	var st syscall.Statfs_t
	if err := syscall.Statfs(dir, &st); err != nil {
		return false
	}
	const noexec = 0x8 // ST_NOEXEC in statfs(2)'s f_flags
	return st.Flags&noexec == 0
}

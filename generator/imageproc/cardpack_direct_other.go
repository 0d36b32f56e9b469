//go:build !linux

package imageproc

// Elsewhere a pack goes through the page cache (cardpack_direct_linux.go).

type directAppender struct{}

func openDirect(string) *directAppender             { return nil }
func (d *directAppender) write([]byte) (int, error) { return 0, nil }
func (d *directAppender) sync() error               { return nil }
func (d *directAppender) pending() ([]byte, int64)  { return nil, 0 }
func (d *directAppender) close()                    {}

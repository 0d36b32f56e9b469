package sitesearch

import (
	"crypto/rand"
	"encoding/hex"
	"time"
)

// NewBuildID names one build of the site's index: when it was made, and
// random bytes so two builds in one second differ. The endpoint's ETags
// derive from it, and /healthz reports it.
func NewBuildID() string {
	var b [8]byte
	_, _ = rand.Read(b[:])
	return time.Now().UTC().Format("20060102T150405") + "-" + hex.EncodeToString(b[:])
}

//go:build !linux

package generator

import (
	"errors"
	"os"
)

func exchange(a, b string) error { return errors.ErrUnsupported }

func writeFile(name string, data []byte, perm uint32) error {
	return os.WriteFile(name, data, os.FileMode(perm))
}

package publish

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// A stage lets go of the kept folder's lock once, however often it is
// told to: a second close of the lock's descriptor could close a file
// opened since under the same number.
func TestStageReleasesItsLockOnce(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("builds keep a folder only on Linux")
	}
	tmp := t.TempDir()
	out, keep := filepath.Join(tmp, "public"), filepath.Join(tmp, ".hub", "previous-output")
	if err := os.MkdirAll(filepath.Dir(keep), 0o755); err != nil {
		t.Fatal(err)
	}
	sg, err := NewStage(out, keep)
	if err != nil || !sg.Kept {
		t.Fatalf("newStage: kept %v, err %v; want the kept folder", sg != nil && sg.Kept, err)
	}
	if _, ok := tryLock(keep + ".lock"); ok {
		t.Fatal("the kept folder's lock was free while a stage held it")
	}
	sg.release()
	f, err := os.Create(filepath.Join(tmp, "opened-since"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sg.release()
	sg.Abandon()
	if _, err := f.Write([]byte("still open")); err != nil {
		t.Errorf("a file opened after the release was closed by a second one: %v", err)
	}
	if unlock, ok := tryLock(keep + ".lock"); !ok {
		t.Error("the kept folder's lock is still held after release")
	} else {
		unlock()
	}
}

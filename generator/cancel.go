package generator

import "context"

// untilDone runs f and returns its error, or ctx's error as soon as ctx is
// done, whichever comes first. Some of a build's work cannot be
// interrupted: goldmark parses a whole file in one call, and a hostile file
// kept it busy for minutes, so a build told to stop (SIGINT, SIGTERM) went on
// until it finished. Stopping must take well under a second, so f is left to
// finish in the background and its results are dropped with the build; the
// caller must not read what f writes once untilDone has returned ctx's error.
func untilDone(ctx context.Context, f func() error) error {
	done := make(chan error, 1)
	go func() { done <- f() }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

package preview

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"sync"
	"time"
)

// Problem is one build error or warning as the overlay shows it.
type Problem struct {
	Path     string   `json:"path"`
	Line     int      `json:"line"`
	Col      int      `json:"col"`
	Message  string   `json:"message"`
	Source   string   `json:"source,omitempty"`   // the offending line of the file
	Severity Severity `json:"severity,omitempty"` // "" for an error
}

// Severity marks a problem that fails nothing.
type Severity string

// Warning is the severity of a problem the build went past: the page is
// up to date, without what the warning names.
const Warning Severity = "warning"

// State is what the open pages should show: the build's problems (errors
// and warnings when the last build failed; its warnings when it
// succeeded) and a version that changes on every successful build.
type State struct {
	Version  int       `json:"version"`
	Problems []Problem `json:"problems"`
}

// event is one message to the pages.
type event struct {
	name string // "reload", "css", "errors"
	data any
}

// Broker fans events out to every connected page.
type Broker struct {
	mu      sync.Mutex
	clients map[chan event]struct{}
	state   State
	done    chan struct{} // closed by Close
	close   sync.Once
}

// NewBroker returns a broker with no problems.
func NewBroker() *Broker {
	return &Broker{clients: map[chan event]struct{}{}, done: make(chan struct{})}
}

// Close ends every stream. A server shutting down waits for the requests
// under way, and a page left open holds its stream for ever: hub serve
// took the whole 5 s of its shutdown to stop on Ctrl-C. The pages
// reconnect to the next server by themselves.
func (b *Broker) Close() { b.close.Do(func() { close(b.done) }) }

// Reload tells every page to reload: a build succeeded, with the given
// warnings (nil for none), which the reloaded pages show.
func (b *Broker) Reload(warnings []Problem) { b.succeeded(event{name: "reload"}, warnings) }

// SwapCSS tells every page to load the stylesheet at url in place of the
// old one: only CSS changed, so the reader keeps scroll position and state.
func (b *Broker) SwapCSS(url string, warnings []Problem) {
	b.succeeded(event{name: "css", data: map[string]string{"url": url}}, warnings)
}

// Fail shows problems in every page.
func (b *Broker) Fail(problems []Problem) {
	b.mu.Lock()
	b.state.Problems = problems
	st := b.state
	b.mu.Unlock()
	b.send(event{name: "errors", data: st})
}

func (b *Broker) succeeded(ev event, warnings []Problem) {
	b.mu.Lock()
	b.state.Version++
	changed := !slices.Equal(b.state.Problems, warnings)
	b.state.Problems = warnings
	b.mu.Unlock()
	if changed {
		ev = event{name: "reload"} // the overlay changes with a fresh page
	}
	b.send(ev)
}

// State returns the current state.
func (b *Broker) State() State {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.state
}

// Clients is the number of connected pages.
func (b *Broker) Clients() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return len(b.clients)
}

func (b *Broker) send(ev event) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for c := range b.clients {
		select {
		case c <- ev:
		default: // a page that is not reading gets the next event instead
		}
	}
}

func (b *Broker) subscribe() chan event {
	c := make(chan event, 4)
	b.mu.Lock()
	b.clients[c] = struct{}{}
	b.mu.Unlock()
	return c
}

func (b *Broker) unsubscribe(c chan event) {
	b.mu.Lock()
	delete(b.clients, c)
	b.mu.Unlock()
}

// keepAlive is how often an idle stream sends a comment, so proxies and
// browsers do not time it out.
const keepAlive = 25 * time.Second

// ServeEvents streams events to one page until the page goes away.
func (b *Broker) ServeEvents(w http.ResponseWriter, r *http.Request) {
	rc := http.NewResponseController(w)
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Accel-Buffering", "no")
	c := b.subscribe()
	defer b.unsubscribe(c)
	_ = rc.SetWriteDeadline(time.Time{}) // the server's write time-out must not end a stream

	// A page that connects while the build is broken shows the overlay at once.
	st := b.State()
	writeEvent(w, event{name: "hello", data: st})
	if err := rc.Flush(); err != nil {
		return
	}
	tick := time.NewTicker(keepAlive)
	defer tick.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case <-b.done:
			return
		case ev := <-c:
			writeEvent(w, ev)
		case <-tick.C:
			fmt.Fprint(w, ": keep-alive\n\n")
		}
		if err := rc.Flush(); err != nil {
			return
		}
	}
}

func writeEvent(w http.ResponseWriter, ev event) {
	data, _ := json.Marshal(ev.data)
	fmt.Fprintf(w, "event: %s\ndata: %s\n\n", ev.name, data)
}

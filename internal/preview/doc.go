// Package preview is `hub serve --watch`: the loop that rebuilds the site
// after every change (Pipeline), tells open pages over server-sent events
// to reload or swap their stylesheet (Broker), shows build errors and
// warnings in an overlay in the page (Inject), and brings the search index
// up to date behind the rebuilds, once the editor pauses.
//
// The rebuild pipeline lives here rather than in a sibling package (an
// internal/serve, say) because the live side is its only client: every
// build it runs ends in an event to the pages, every failure in the
// overlay, and what the overlay shows (each problem with its line read
// from the site's file) is the pipeline's to decide. Apart, the two would
// hand the broker and the problems back and forth. `hub serve
// --watch=false`, the endpoint in production, builds once as `hub build`
// does and uses none of this; it stays with the command (internal/cli).
//
// The data flows one way: files, then generator.Builder, then the site and
// its output, then this package, then the server and the index. The
// generator knows nothing of the preview: the lock a reader of the output
// holds while it sends a file is the Builder's own (Builder.ReadLocker),
// not one handed to it, and the index is fed from what a build returns
// (Site.Changed, Site.Gone), not from a callback during the build.
package preview

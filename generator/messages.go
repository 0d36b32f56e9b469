package generator

import (
	"github.com/ideas-hub/hub/generator/sitefs"
	template "github.com/ideas-hub/hub/internal/gotemplate/htmltemplate"

	"github.com/ideas-hub/hub/generator/content"

	"fmt"
	"strconv"
	"strings"
	"text/template/parse"
	"time"

	"github.com/ideas-hub/hub/generator/i18n"
)

// The messages hub writes itself, beside those the layouts write with T:
// titles and breadcrumbs of the pages it lists, feed and calendar names,
// the boxes of task lists, and dates.
const (
	msgDocTitle        = "title.document"
	msgPagedTitle      = "title.paged"
	msgHome            = "nav.home"
	msgTags            = "tags.title"
	msgTagTitle        = "tag.title"
	msgTagDesc         = "tag.description"
	msgTagFeed         = "tag.feed_title"
	msgTermTitle       = "term.title"
	msgTermDesc        = "term.description"
	msgTermFeed        = "term.feed_title"
	msgCalendar        = "events.calendar_title"
	msgSectionCalendar = "section.calendar_title"
	msgCalOrganiser    = "events.calendar_organiser"
	msgCalRegister     = "events.calendar_register"
	msgOnline          = "events.online"
	msgNotFound        = "not_found.title"
	msgSearch          = "search.title"
	msgSearchQuery     = "search.query_title"
	msgTaskDone        = "task.done"
	msgTaskNotDone     = "task.not_done"
	msgDateLong        = "date.long"
	msgDateWeekday     = "date.weekday"
	msgDateTime        = "date.weekday_time"
	msgTime            = "date.time"
	msgDateRange       = "date.range"
	msgTimeRange       = "date.time_range"
	msgDateWithZone    = "date.zone"
	messagesFuncName   = "T"
)

// hubMessages lists the messages hub writes with the places each may
// fill: every message file must have them, and use no other places.
func hubMessages() map[string][]string {
	dates := i18n.DatePlaces()
	return map[string][]string{
		msgDocTitle: {"title", "site"}, msgPagedTitle: {"title", "number", "total"},
		msgHome: nil, msgTags: nil, msgNotFound: nil, msgSearch: nil, msgTaskDone: nil, msgTaskNotDone: nil,
		msgTagTitle: {"name"}, msgTagDesc: {"site", "name"}, msgTagFeed: {"site", "name"},
		msgTermTitle: {"name"}, msgTermDesc: {"site", "name"}, msgTermFeed: {"site", "name"},
		msgCalendar: {"site"}, msgSectionCalendar: {"site", "name"}, msgSearchQuery: {"query"}, msgSearchHitTerms: {"title"},
		msgCalOrganiser: {"name"}, msgCalRegister: {"url"}, msgOnline: nil,
		msgDateLong: dates, msgDateWeekday: dates, msgDateTime: dates, msgTime: dates,
		msgDateRange: {"start", "end"}, msgTimeRange: {"start", "end"}, msgDateWithZone: {"when", "zone"},
	}
}

// loadMessages reads the message files of the site's language: the
// theme's layouts/i18n/, under the site's own.
func loadMessages(opts Options, cfg *Config) (*i18n.Catalog, error) {
	layouts := siteLayouts(opts)
	layers := []i18n.Layer{{FS: layouts.theme, Name: func(f string) string { return LayoutsDir + "/" + f + " (default theme)" }}}
	if layouts.site != nil {
		layers = append(layers, i18n.Layer{FS: layouts.site, Name: func(f string) string { return LayoutsDir + "/" + f }})
	}
	c, err := i18n.Load(cfg.Language, layers...)
	if err == nil {
		err = c.Require(hubMessages())
	}
	if err != nil {
		return nil, sitefs.AsDiagnostics(err) // a link out of the site; the files' mistakes are Diagnostics
	}
	return c, nil
}

// isMessageFile reports whether a site-relative path is a message file,
// whose change is a change to every page (and to task lists in bodies).
func isMessageFile(p string) bool {
	return strings.HasPrefix(p, LayoutsDir+"/"+i18n.Dir+"/")
}

// messages is a site's catalogue for the code that writes its outputs.
// Every key it is asked for is one of hubMessages, which loadMessages
// required with the places each is given here: none can fail.
type messages struct{ c *i18n.Catalog }

func (s *Site) msgs() messages { return messages{s.messages} }

func (m messages) text(key string, args ...any) string {
	s, err := m.c.String(key, args...)
	if err != nil { // a key or place missing from hubMessages: a bug in hub
		panic(fmt.Sprintf("message %s: %v", key, err))
	}
	return s
}

// docTitle is the <title> of a page other than the home page.
func (m messages) docTitle(title, site string) string {
	return m.text(msgDocTitle, "title", title, "site", site)
}

// pagedTitle is the title of page n of a list, after its first.
func (m messages) pagedTitle(title string, pg *Pager) string {
	if pg.Number == 1 {
		return title
	}
	return m.text(msgPagedTitle, "title", title, "number", pg.Number, "total", pg.Total)
}

func (m messages) date(key string, t time.Time) string {
	s, err := m.c.Date(key, t)
	if err != nil { // a key or place missing from hubMessages: a bug in hub
		panic(fmt.Sprintf("message %s: %v", key, err))
	}
	return s
}

// eventWhen writes an event's date and time in the site's zone, naming the
// zone so a reader elsewhere knows what the clock times mean.
func (m messages) eventWhen(p *content.Page, loc *time.Location) string {
	start := p.Start.In(loc)
	if p.AllDay {
		s := m.date(msgDateWeekday, start)
		if !p.End.IsZero() && !sameDay(p.End.In(loc), start) {
			s = m.text(msgDateRange, "start", s, "end", m.date(msgDateWeekday, p.End.In(loc)))
		}
		return s
	}
	s := m.date(msgDateTime, start)
	if !p.End.IsZero() {
		end := p.End.In(loc)
		if sameDay(start, end) {
			s = m.text(msgTimeRange, "start", s, "end", m.date(msgTime, end))
		} else {
			s = m.text(msgDateRange, "start", s, "end", m.date(msgDateTime, end))
		}
	}
	return m.text(msgDateWithZone, "when", s, "zone", start.Format("MST"))
}

func sameDay(a, b time.Time) bool {
	ay, am, ad := a.Date()
	by, bm, bd := b.Date()
	return ay == by && am == bm && ad == bd
}

// checkMessageCalls reports each {{T "key" ...}} in the layouts whose key
// has no message, or whose message has a place the call does not fill, at
// the call: a missing message is a build error, never a blank, even in a
// branch no page takes.
func checkMessageCalls(layouts layeredFS, c *i18n.Catalog, trees []*parse.Tree) Diagnostics {
	var ds Diagnostics
	for _, tree := range trees {
		walkTemplate(tree.Root, func(n parse.Node) {
			cmd, ok := n.(*parse.CommandNode)
			if !ok || len(cmd.Args) < 2 {
				return
			}
			if id, ok := cmd.Args[0].(*parse.IdentifierNode); !ok || id.Ident != messagesFuncName {
				return
			}
			key, ok := cmd.Args[1].(*parse.StringNode)
			if !ok {
				return // a key worked out as the page renders: checked then
			}
			var names []string
			for i := 2; i < len(cmd.Args); i += 2 {
				name, ok := cmd.Args[i].(*parse.StringNode)
				if !ok {
					return
				}
				names = append(names, name.Text)
			}
			if err := c.Check(key.Text, names...); err != nil {
				loc, _ := tree.ErrorContext(cmd)
				ds = append(ds, templatePosDiag(layouts, loc, err.Error()))
			}
		})
	}
	return ds
}

// templatePosDiag places msg at loc, "file:line:col" as parse.Tree's
// ErrorContext gives it.
func templatePosDiag(layouts layeredFS, loc, msg string) Diagnostic {
	name, lineCol, _ := strings.Cut(loc, ":")
	line, col, _ := strings.Cut(lineCol, ":")
	d := Diagnostic{Path: layouts.origin(name), Msg: msg}
	d.Line, _ = strconv.Atoi(line)
	d.Col, _ = strconv.Atoi(col)
	return d
}

// templateMessageFuncs are the layouts' funcs that write messages and dates.
func templateMessageFuncs(c *i18n.Catalog, loc *time.Location) template.FuncMap {
	m := messages{c}
	return template.FuncMap{
		messagesFuncName: c.T,
		// date is a long, readable date in the site's zone: "14 April 2025".
		"date": func(t time.Time) string {
			if t.IsZero() {
				return ""
			}
			return m.date(msgDateLong, t.In(loc))
		},
		"eventWhen": func(p *content.Page) string { return m.eventWhen(p, loc) },
	}
}

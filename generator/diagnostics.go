package generator

import "github.com/ideas-hub/hub/generator/diag"

// The generator reports problems as package diag's values; these names keep
// its callers (the commands, the preview) from having to import both.
type (
	Diagnostic  = diag.Diagnostic
	Diagnostics = diag.Diagnostics
	Severity    = diag.Severity
)

const (
	SeverityError   = diag.SeverityError
	SeverityWarning = diag.SeverityWarning
)

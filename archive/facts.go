package archive

import "github.com/cutline/cutline/caption"

// factsOf parses the facts of a photo's caption text.
func factsOf(p *Photo) caption.Facts {
	return caption.Facts{} // TODO(lead): caption.Parse once the parser lands
}

package caption

// Facts is what the caption text says about the photo, as parsed by Parse.
// Facts feed search facets and suggestions; they never overwrite what an
// editor typed. JSON keys are those of DESIGN.md.
type Facts struct {
	// Agency is the credited agency, normalised: "AFP", "Reuters", "AP",
	// "Getty Images", "EPA", "PA", "The Canadian Press", "Yonhap", "KCNA"...
	Agency string `json:"agency,omitempty"`
	// Photographer is the person credited for the picture, as written
	// ("Jung Yeon-je", "Kim Hong-Ji").
	Photographer string `json:"photographer,omitempty"`
	// Via is the provider the agency distributes for, as in "KCNA via
	// REUTERS" (Via "KCNA", Agency "Reuters") or "Name/AFP via Getty Images"
	// (Via "AFP", Agency "Getty Images").
	Via     string `json:"via,omitempty"`
	File    bool   `json:"file,omitempty"`
	Handout bool   `json:"handout,omitempty"`
	Pool    bool   `json:"pool,omitempty"`
	// Taken is the date the picture was taken, YYYY-MM-DD, when the
	// caption says it.
	Taken        string   `json:"taken,omitempty"`
	People       []Person `json:"people,omitempty"`
	Places       []string `json:"places,omitempty"`
	Restrictions []string `json:"restrictions,omitempty"`
}

// Person is a person named in a caption with their position in the frame
// when the caption gives it: "L", "R", "C", "2nd L", "from left 3"...
type Person struct {
	Name     string `json:"name"`
	Position string `json:"position,omitempty"`
}

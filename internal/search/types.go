package search

// Doc is one searchable item, built by the site model (never by re-parsing HTML).
type Doc struct {
	URL       string    // site-relative, no leading slash: "guide/portage-et-hebergement/"
	Type      string    // "pays" | "secteur" | "chapitre" | "cas" | "modele" | "ami" | "page"
	Title     string    // shown and weighted highest
	Summary   string    // the lead paragraph; the snippet of last resort
	Sections  []Section // body text split at h2/h3; the first may have Heading "" (intro)
	Countries []string  // ISO alpha-2 upper case
	Sectors   []string  // sector slugs
	Issuer    string    // AMIs only
	Deadline  string    // AMIs only, YYYY-MM-DD
	Open      bool      // AMIs: deadline >= build date
	// Hub marks a country's or a sector's page: its title words weigh the most they can, so
	// that "sénégal" offers /pays/sn/ before the pages that mention Senegal. Its summary is
	// shown, not searched.
	Hub bool
}

// Section is one part of a Doc's body: the text under a heading. Anchor is the heading's id
// (without '#'); Heading and Anchor are empty for the text before the first heading.
type Section struct{ Heading, Anchor, Text string }

// Config is what the index needs from the site's settings.
type Config struct {
	Synonyms     [][]string        // from site.yaml, e.g. {"pme","sme","petite et moyenne entreprise"}
	CountryNames map[string]string // "SN" -> "Sénégal" (French)
	SectorNames  map[string]string // "energie" -> "Énergie"
}

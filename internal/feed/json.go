package feed

import (
	"bytes"
	"cmp"
	"encoding/json"
	"slices"
	"strconv"

	"coexport/internal/data"
	"coexport/internal/french"
	"coexport/internal/vocab"
)

// The JSON export follows the shape of an OCDS release package (Open Contracting Data
// Standard 1.1/1.2), planning stage, where its fields fit; the fields OCDS has no place
// for are coexport's own, at the top of each release. FORMAT.md documents every field.
type (
	jsonPackage struct {
		URI           string        `json:"uri"`
		PublishedDate string        `json:"publishedDate"`
		Publisher     jsonPublisher `json:"publisher"`
		// releases follow, written one by one (see json)
	}
	jsonPublisher struct {
		Name string `json:"name"`
		URI  string `json:"uri"`
	}
	jsonRelease struct {
		OCID           string      `json:"ocid"`
		ID             string      `json:"id"`
		Date           string      `json:"date"`
		Tag            []string    `json:"tag"`
		InitiationType string      `json:"initiationType"`
		Language       string      `json:"language"`
		Parties        []jsonParty `json:"parties"`
		Buyer          jsonRef     `json:"buyer"`
		Tender         jsonTender  `json:"tender"`

		Status            string       `json:"status"`
		URL               string       `json:"url"`
		Fictional         bool         `json:"fictional"`
		Published         string       `json:"published"`
		Updated           string       `json:"updated,omitempty"`
		Deadline          string       `json:"deadline"`
		DaysLeft          *int         `json:"daysLeft,omitempty"`
		Countries         []string     `json:"countries"`
		Sectors           []jsonCode   `json:"sectors"`
		City              string       `json:"city,omitempty"`
		Schemes           []jsonCode   `json:"schemes,omitempty"`
		Sought            []string     `json:"sought,omitempty"`
		SelectionCriteria []string     `json:"selectionCriteria,omitempty"`
		ExpectedTender    string       `json:"expectedTender,omitempty"`
		Project           *jsonProject `json:"project,omitempty"`
		Calendar          string       `json:"calendar"`
	}
	jsonParty struct {
		ID           string       `json:"id"`
		Name         string       `json:"name"`
		Roles        []string     `json:"roles"`
		ContactPoint *jsonContact `json:"contactPoint,omitempty"`
	}
	jsonContact struct {
		Name  string `json:"name,omitempty"`
		Email string `json:"email,omitempty"`
		URL   string `json:"url,omitempty"`
	}
	jsonRef struct {
		ID   string `json:"id"`
		Name string `json:"name"`
	}
	jsonTender struct {
		ID                           string         `json:"id"`
		Title                        string         `json:"title"`
		Description                  string         `json:"description"`
		Status                       string         `json:"status"`
		DatePublished                string         `json:"datePublished"`
		ExpressionOfInterestDeadline string         `json:"expressionOfInterestDeadline"`
		EnquiryPeriod                *jsonPeriod    `json:"enquiryPeriod,omitempty"`
		MainProcurementCategory      string         `json:"mainProcurementCategory,omitempty"`
		Value                        *jsonValue     `json:"value,omitempty"`
		EligibilityCriteria          string         `json:"eligibilityCriteria,omitempty"`
		Items                        []jsonItem     `json:"items"`
		DeliveryAddresses            []jsonAddress  `json:"deliveryAddresses"`
		Documents                    []jsonDocument `json:"documents"`
	}
	jsonPeriod struct {
		EndDate string `json:"endDate"`
	}
	jsonValue struct {
		Amount   int64  `json:"amount"`
		Currency string `json:"currency"`
	}
	jsonItem struct {
		ID             string             `json:"id"`
		Classification jsonClassification `json:"classification"`
	}
	jsonClassification struct {
		Scheme      string `json:"scheme"`
		ID          string `json:"id"`
		Description string `json:"description,omitempty"`
	}
	jsonAddress struct {
		Country     string `json:"country"`
		CountryName string `json:"countryName"`
		Locality    string `json:"locality,omitempty"`
	}
	jsonDocument struct {
		ID           string `json:"id"`
		DocumentType string `json:"documentType,omitempty"`
		Title        string `json:"title"`
		URL          string `json:"url"`
		Language     string `json:"language,omitempty"`
	}
	jsonCode struct {
		ID   string `json:"id"`
		Name string `json:"name"`
	}
	jsonProject struct {
		Name           string `json:"name,omitempty"`
		ClientType     string `json:"clientType,omitempty"`
		Financing      string `json:"financing,omitempty"`
		DurationMonths int    `json:"durationMonths,omitempty"`
	}
)

// json writes ami/amis.json: every AMI, open and closed, by id. The document is what
// json.MarshalIndent(…, "", "  ") would give for the package with its releases; each
// release is marshalled once, as a fragment, and placed in the "releases" array here.
func (c *catalogue) json() []byte {
	head := must(json.MarshalIndent(jsonPackage{
		URI:           c.base + "ami/amis.json",
		PublishedDate: c.s.BuildDate.UTC().Format("2006-01-02T15:04:05Z"),
		Publisher:     jsonPublisher{Name: c.title(), URI: c.base},
	}, "", "  "))
	head = bytes.TrimSuffix(head, []byte("\n}"))
	size := len(head) + 32
	for _, a := range c.s.AMIs {
		size += 6 + len(c.frag(a).release)
	}
	b := bytes.NewBuffer(make([]byte, 0, size))
	b.Write(head)
	b.WriteString(",\n  \"releases\": [")
	for i, a := range c.s.AMIs {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString("\n    ")
		b.Write(c.frag(a).release)
	}
	if len(c.s.AMIs) > 0 {
		b.WriteString("\n  ")
	}
	b.WriteString("]\n}\n")
	return b.Bytes()
}

// release returns the release of one AMI, indented for its place in the array.
func (c *catalogue) release(a *data.AMI) []byte {
	return indentJSON(must(json.Marshal(c.releaseValue(a))), "    ", "  ")
}

// indentJSON lays out src, compact JSON as json.Marshal writes it, as json.Indent would
// with prefix and indent. json.Indent runs its validating scanner on every byte, which
// made it most of the cost of amis.json; Marshal's output needs no validation, only to
// know whether a byte is inside a string.
func indentJSON(src []byte, prefix, indent string) []byte {
	dst := make([]byte, 0, 2*len(src))
	newline := func(depth int) {
		dst = append(dst, '\n')
		dst = append(dst, prefix...)
		for range depth {
			dst = append(dst, indent...)
		}
	}
	depth := 0
	open := false // after { or [: the indent waits, so that empty ones stay {} and []
	for i := 0; i < len(src); i++ {
		c := src[i]
		if open && c != '}' && c != ']' {
			open = false
			depth++
			newline(depth)
		}
		switch c {
		case '"':
			end := i + 1
			for src[end] != '"' {
				if src[end] == '\\' {
					end++
				}
				end++
			}
			dst = append(dst, src[i:end+1]...)
			i = end
		case '{', '[':
			open = true
			dst = append(dst, c)
		case ',':
			dst = append(dst, c)
			newline(depth)
		case ':':
			dst = append(dst, c, ' ')
		case '}', ']':
			if open {
				open = false
			} else {
				depth--
				newline(depth)
			}
			dst = append(dst, c)
		default:
			dst = append(dst, c)
		}
	}
	return dst
}

// releaseValue returns the release of one AMI.
func (c *catalogue) releaseValue(a *data.AMI) jsonRelease {
	open := a.Open(c.s.Today)
	page := c.pageURL(a)
	issuer := clean(a.Issuer)
	buyer := jsonRef{ID: "buyer-" + french.Slug(issuer), Name: issuer}
	r := jsonRelease{
		OCID:              "coexport-" + clean(a.ID),
		ID:                clean(a.ID) + "-" + isoDate(lastChange(a)),
		Date:              dayStart(lastChange(a)),
		Tag:               []string{"planning"},
		InitiationType:    "tender",
		Language:          "fr",
		Parties:           []jsonParty{{ID: buyer.ID, Name: buyer.Name, Roles: []string{"buyer"}, ContactPoint: contactPoint(a.Contact)}},
		Buyer:             buyer,
		Tender:            c.tender(a, open, page),
		Status:            "closed",
		URL:               page,
		Fictional:         a.Fictional,
		Published:         isoDate(a.Published),
		Deadline:          isoDate(a.Deadline),
		Countries:         cleanAll(a.Countries),
		City:              clean(a.City),
		Sought:            cleanAll(a.Sought),
		SelectionCriteria: cleanAll(a.SelectionCriteria),
		ExpectedTender:    clean(a.ExpectedTender),
		Calendar:          page + "echeance.ics",
	}
	if revised(a) {
		r.Tag = []string{"planningUpdate"}
		r.Updated = isoDate(a.Updated)
	}
	if open {
		r.Status = "open"
		days := a.DaysLeft(c.s.Today)
		r.DaysLeft = &days
	}
	r.Sectors = make([]jsonCode, 0, len(a.Sectors))
	for _, slug := range a.Sectors {
		r.Sectors = append(r.Sectors, jsonCode{ID: clean(slug), Name: clean(c.sectorName(slug))})
	}
	for _, slug := range a.Schemes {
		r.Schemes = append(r.Schemes, jsonCode{ID: clean(slug), Name: clean(cmp.Or(vocab.Schemes[slug], slug))})
	}
	if p := a.Project; p != nil {
		r.Project = &jsonProject{Name: clean(p.Name), ClientType: clean(p.ClientType), Financing: clean(p.Financing), DurationMonths: p.DurationMonths}
	}
	return r
}

// tender returns the tender section of an AMI's release.
func (c *catalogue) tender(a *data.AMI, open bool, page string) jsonTender {
	t := jsonTender{
		ID:                           clean(a.ID),
		Title:                        clean(a.Title),
		Description:                  clean(a.Summary),
		Status:                       "complete",
		DatePublished:                dayStart(a.Published),
		ExpressionOfInterestDeadline: dayEnd(a.Deadline),
		MainProcurementCategory:      clean(a.Category),
		EligibilityCriteria:          clean(a.Eligibility),
		Items:                        c.items(a),
		DeliveryAddresses:            make([]jsonAddress, 0, len(a.Countries)),
		Documents: []jsonDocument{{ID: "avis", DocumentType: "plannedProcurementNotice",
			Title: clean(a.Title), URL: page, Language: "fr"}},
	}
	if open {
		t.Status = "active"
	}
	if !a.QuestionsUntil.IsZero() {
		t.EnquiryPeriod = &jsonPeriod{EndDate: dayEnd(a.QuestionsUntil)}
	}
	if a.Budget != nil {
		t.Value = &jsonValue{Amount: a.Budget.Amount, Currency: clean(cmp.Or(a.Budget.Currency, "EUR"))}
	}
	for _, code := range a.Countries {
		addr := jsonAddress{Country: clean(code), CountryName: clean(countryName(code))}
		if len(a.Countries) == 1 {
			addr.Locality = clean(a.City)
		}
		t.DeliveryAddresses = append(t.DeliveryAddresses, addr)
	}
	for i, d := range a.Documents {
		t.Documents = append(t.Documents, jsonDocument{ID: "document-" + strconv.Itoa(i+1), Title: clean(d.Title), URL: clean(d.URL)})
	}
	return t
}

// items returns one item per CPV code of an AMI: its explicit codes, else the divisions of
// its sectors in site.yaml, each once, in order. A derived division is described by the
// names of the sectors it comes from (not the official CPV label, which the site does not
// hold); an explicit code has no description.
func (c *catalogue) items(a *data.AMI) []jsonItem {
	items := []jsonItem{}
	if len(a.CPV) > 0 {
		for _, code := range a.CPV {
			if !slices.ContainsFunc(items, func(it jsonItem) bool { return it.Classification.ID == code }) {
				items = append(items, jsonItem{ID: strconv.Itoa(len(items) + 1), Classification: jsonClassification{Scheme: "CPV", ID: clean(code)}})
			}
		}
		return items
	}
	for _, slug := range a.Sectors {
		name := clean(c.sectorName(slug))
		for _, code := range c.sectors[slug].CPV {
			i := slices.IndexFunc(items, func(it jsonItem) bool { return it.Classification.ID == code })
			if i >= 0 {
				items[i].Classification.Description += " / " + name
				continue
			}
			items = append(items, jsonItem{ID: strconv.Itoa(len(items) + 1),
				Classification: jsonClassification{Scheme: "CPV", ID: code, Description: name}})
		}
	}
	return items
}

// contactPoint returns an AMI's contact as an OCDS contact point, nil when empty.
func contactPoint(ct data.Contact) *jsonContact {
	if ct == (data.Contact{}) {
		return nil
	}
	return &jsonContact{Name: clean(ct.Name), Email: clean(ct.Email), URL: clean(ct.URL)}
}

// cleanAll returns the cleaned strings of list, never nil.
func cleanAll(list []string) []string {
	out := make([]string, len(list))
	for i, s := range list {
		out[i] = clean(s)
	}
	return out
}

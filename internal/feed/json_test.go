package feed

import (
	"bytes"
	"encoding/json"
	"slices"
	"testing"

	"coexport/internal/site"
)

// jsonRead is ami/amis.json as a consumer reads it, with only the fields tested.
type jsonRead struct {
	URI           string `json:"uri"`
	PublishedDate string `json:"publishedDate"`
	Publisher     struct{ Name, URI string }
	Releases      []struct {
		OCID    string   `json:"ocid"`
		ID      string   `json:"id"`
		Date    string   `json:"date"`
		Tag     []string `json:"tag"`
		Parties []struct {
			ID           string
			Name         string
			Roles        []string
			ContactPoint *struct{ Name, Email, URL string } `json:"contactPoint"`
		}
		Buyer  struct{ ID, Name string }
		Tender struct {
			ID                           string
			Title                        string
			Description                  string
			Status                       string
			DatePublished                string `json:"datePublished"`
			ExpressionOfInterestDeadline string `json:"expressionOfInterestDeadline"`
			EnquiryPeriod                *struct {
				EndDate string `json:"endDate"`
			} `json:"enquiryPeriod"`
			MainProcurementCategory string `json:"mainProcurementCategory"`
			Value                   *struct {
				Amount   int64
				Currency string
			}
			Items []struct {
				ID             string
				Classification struct{ Scheme, ID, Description string }
			}
			DeliveryAddresses []struct {
				Country     string
				CountryName string `json:"countryName"`
				Locality    string
			} `json:"deliveryAddresses"`
			Documents []struct{ ID, DocumentType, Title, URL string }
		}
		Status    string
		URL       string
		Fictional bool
		Published string
		Updated   string
		Deadline  string
		DaysLeft  *int `json:"daysLeft"`
		Countries []string
		Sectors   []struct{ ID, Name string }
		Schemes   []struct{ ID, Name string }
	}
}

// TestJSONLayout checks that the document assembled from per-AMI fragments is laid out
// exactly as json.MarshalIndent would lay out the whole, with or without releases.
func TestJSONLayout(t *testing.T) {
	for _, tt := range []struct {
		name string
		s    *site.Site
	}{{"catalogue", testSite()}, {"empty", newSite("Vide", testSecs, nil, buildDate)}} {
		name, raw := tt.name, files(t, tt.s)["ami/amis.json"]
		var compact, indented bytes.Buffer
		if err := json.Compact(&compact, raw); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if err := json.Indent(&indented, compact.Bytes(), "", "  "); err != nil {
			t.Fatal(err)
		}
		indented.WriteByte('\n')
		if !bytes.Equal(indented.Bytes(), raw) {
			t.Errorf("%s: amis.json is not laid out as json.MarshalIndent would:\n%s", name, raw)
		}
	}
}

func TestJSON(t *testing.T) {
	s := testSite()
	var doc jsonRead
	if err := json.Unmarshal(files(t, s)["ami/amis.json"], &doc); err != nil {
		t.Fatal(err)
	}
	if doc.URI != "https://example.org/coexport/ami/amis.json" || doc.PublishedDate != "2026-02-20T09:30:00Z" ||
		doc.Publisher.Name != "Guide du co-export & <AMI>" || doc.Publisher.URI != "https://example.org/coexport/" {
		t.Errorf("package: uri %q publishedDate %q publisher %+v", doc.URI, doc.PublishedDate, doc.Publisher)
	}
	if len(doc.Releases) != len(s.AMIs) {
		t.Fatalf("%d releases, want %d (open and closed)", len(doc.Releases), len(s.AMIs))
	}
	for i, r := range doc.Releases {
		a := s.AMIs[i]
		open := a.Open(s.Today)
		if r.OCID != "coexport-"+a.ID || r.Tender.ID != a.ID || r.Tender.Title != clean(a.Title) || r.Tender.Description != clean(a.Summary) {
			t.Errorf("release %d: ocid %q tender id %q title %q description %q", i, r.OCID, r.Tender.ID, r.Tender.Title, r.Tender.Description)
		}
		wantStatus, wantTender := "closed", "complete"
		if open {
			wantStatus, wantTender = "open", "active"
		}
		if r.Status != wantStatus || r.Tender.Status != wantTender {
			t.Errorf("%s: status %q tender.status %q, want %q %q", a.ID, r.Status, r.Tender.Status, wantStatus, wantTender)
		}
		if (r.DaysLeft != nil) != open || (open && *r.DaysLeft != a.DaysLeft(s.Today)) {
			t.Errorf("%s: daysLeft %v", a.ID, r.DaysLeft)
		}
		if r.Tender.DatePublished != isoDate(a.Published)+"T00:00:00Z" || r.Tender.ExpressionOfInterestDeadline != isoDate(a.Deadline)+"T23:59:59Z" ||
			r.Published != isoDate(a.Published) || r.Deadline != isoDate(a.Deadline) || r.Date != isoDate(lastChange(a))+"T00:00:00Z" {
			t.Errorf("%s: dates %+v", a.ID, r)
		}
		if revised(a) != (r.Updated != "") || revised(a) != slices.Equal(r.Tag, []string{"planningUpdate"}) {
			t.Errorf("%s: updated %q tag %q", a.ID, r.Updated, r.Tag)
		}
		if len(r.Parties) != 1 || !slices.Equal(r.Parties[0].Roles, []string{"buyer"}) || r.Parties[0].Name != clean(a.Issuer) ||
			r.Buyer.ID != r.Parties[0].ID || r.Buyer.Name != clean(a.Issuer) {
			t.Errorf("%s: parties %+v buyer %+v", a.ID, r.Parties, r.Buyer)
		}
		if len(r.Tender.DeliveryAddresses) != len(a.Countries) {
			t.Fatalf("%s: %d delivery addresses", a.ID, len(r.Tender.DeliveryAddresses))
		}
		for j, addr := range r.Tender.DeliveryAddresses {
			if addr.Country != a.Countries[j] || addr.CountryName == "" || addr.CountryName == addr.Country {
				t.Errorf("%s: address %+v", a.ID, addr)
			}
		}
		if r.URL != "https://example.org/coexport/ami/"+a.Slug+"/" || r.Fictional != a.Fictional || !slices.Equal(r.Countries, a.Countries) {
			t.Errorf("%s: url %q fictional %v countries %q", a.ID, r.URL, r.Fictional, r.Countries)
		}
		if len(r.Tender.Items) == 0 {
			t.Errorf("%s: no items", a.ID)
		}
		for _, it := range r.Tender.Items {
			if it.Classification.Scheme != "CPV" || !cpvCode.MatchString(it.Classification.ID) {
				t.Errorf("%s: classification %+v", a.ID, it.Classification)
			}
		}
	}
	byID := map[string]int{}
	for i, a := range s.AMIs {
		byID[a.ID] = i
	}
	// Derived from sectors energie + eau-assainissement, 65 once, described by both.
	r := doc.Releases[byID["AMI-2026-002"]]
	var codes []string
	for _, it := range r.Tender.Items {
		codes = append(codes, it.Classification.ID)
	}
	if want := []string{"09000000-3", "31000000-6", "65000000-3", "41000000-9", "90000000-7"}; !slices.Equal(codes, want) {
		t.Errorf("AMI-2026-002 CPV %q, want %q", codes, want)
	}
	if d := r.Tender.Items[2].Classification.Description; d != "Énergie / Eau et assainissement" {
		t.Errorf("shared division described %q", d)
	}
	if r.Parties[0].ContactPoint == nil || r.Parties[0].ContactPoint.Email != atEmail {
		t.Errorf("contact point %+v", r.Parties[0].ContactPoint)
	}
	if len(r.Tender.Documents) != 2 || r.Tender.Documents[0].DocumentType != "plannedProcurementNotice" || r.Tender.Documents[1].Title != "Cahier <des> charges" {
		t.Errorf("documents %+v", r.Tender.Documents)
	}
	// Explicit CPV codes, deduplicated, without description.
	r = doc.Releases[byID["AMI-2026-003"]]
	codes = codes[:0]
	for _, it := range r.Tender.Items {
		codes = append(codes, it.Classification.ID)
	}
	if want := []string{"33100000-1", "85100000-0"}; !slices.Equal(codes, want) {
		t.Errorf("AMI-2026-003 CPV %q, want %q", codes, want)
	}
	if v := r.Tender.Value; v == nil || v.Amount != 1250000 || v.Currency != "USD" {
		t.Errorf("AMI-2026-003 value %+v", v)
	}
	r = doc.Releases[byID["AMI-2026-001"]]
	if r.Tender.MainProcurementCategory != "works" || r.Tender.EnquiryPeriod == nil || r.Tender.EnquiryPeriod.EndDate != "2026-03-01T23:59:59Z" ||
		len(r.Schemes) != 1 || r.Schemes[0].Name != "Portage" || r.Tender.DeliveryAddresses[0].Locality != "Kaolack" {
		t.Errorf("AMI-2026-001: %+v", r)
	}
}

// TestIndentJSON: indentJSON lays out what json.Marshal writes as json.Indent does.
func TestIndentJSON(t *testing.T) {
	values := []any{
		map[string]any{},
		[]any{},
		map[string]any{"a": []any{}, "b": map[string]any{}, "c": []any{1, "x", nil, true}},
		map[string]any{"q\"uote": "a \"b\" {c} [d], e: f \\ g", "html": "<p>&</p>", "u": "\u2028é\x01"},
		[]any{[]any{[]any{}}, map[string]any{"x": map[string]any{"y": []any{1.5, -2}}}},
		"plain",
		42,
	}
	for _, v := range values {
		src, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		var want bytes.Buffer
		if err := json.Indent(&want, src, "    ", "  "); err != nil {
			t.Fatal(err)
		}
		if got := indentJSON(src, "    ", "  "); string(got) != want.String() {
			t.Errorf("indentJSON(%s) =\n%s\nwant\n%s", src, got, want.String())
		}
	}
}

// FuzzIndentJSON: any text, as a key and a value, is laid out as json.Indent does.
func FuzzIndentJSON(f *testing.F) {
	for _, s := range []string{"", `"`, `\`, "{[,:]}", "a\"b\\\"c"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		src, err := json.Marshal(map[string]any{s: []any{s, map[string]any{}, []any{s}}})
		if err != nil {
			t.Skip()
		}
		var want bytes.Buffer
		if err := json.Indent(&want, src, "    ", "  "); err != nil {
			t.Fatal(err)
		}
		if got := indentJSON(src, "    ", "  "); string(got) != want.String() {
			t.Errorf("indentJSON(%s) =\n%s\nwant\n%s", src, got, want.String())
		}
	})
}

package search

import (
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"sort"
	"strings"
	"testing"
)

// synthCorpus is a deterministic French-looking corpus shaped like the bench's 10k one:
// n/20 chapters of 800–1500 words in sections, n/4 cases of 400–800 words, the rest AMIs.
func synthCorpus(n int) ([]Doc, Config) {
	rng := rand.New(rand.NewPCG(1, 2026))
	real := strings.Fields(`financement export exportation exportateur marché marchés public publics publique
		appel offre offres manifestation intérêt entreprise entreprises PME ETI groupe partenariat partenaire
		parrainage filiale international internationale développement croissance prospection client acheteur
		fournisseur sous-traitance consortium candidature dossier cahier charges critères sélection délai
		budget subvention prêt garantie caution assurance crédit trésorerie fonds capital investissement
		banque bailleur coopération agence ambassade chambre commerce réseau conseiller accompagnement
		stratégie objectif résultat contrat négociation juridique fiscal douane transport logistique fret
		qualité certification norme conformité énergie énergétique renouvelable solaire éolien électricité
		stockage batterie carbone climat transition eau assainissement irrigation potable déchets recyclage
		environnement durable santé hôpital médical équipement agriculture agroalimentaire numérique logiciel
		données cybersécurité infrastructure route port aéroport ville bâtiment construction chantier
		ingénierie œuvre mines industrie usine production formation compétences emploi volontariat tourisme
		région territoire local gouvernement ministère collectivité francophonie Afrique africain Europe`)
	functionWords := strings.Fields("de la le les des du un une et en à au aux pour par sur dans avec que qui est sont l' d' qu'")
	syll := strings.Fields("ba cré di fo gu la mé ni po ru sa té vi jo quo tra pla bro gri chon pé lu")
	ends := strings.Fields("tion ment age eur ité ence ique isme oire ette ière ance ude al er")
	vocab := append([]string(nil), real...)
	for len(vocab) < 3000 {
		w := ""
		for i := 1 + rng.IntN(3); i > 0; i-- {
			w += syll[rng.IntN(len(syll))]
		}
		vocab = append(vocab, w+ends[rng.IntN(len(ends))])
	}
	cum := make([]float64, len(vocab))
	acc := 0.0
	for i := range vocab {
		acc += 1 / math.Pow(float64(i+8), 0.9)
		cum[i] = acc
	}
	word := func() string {
		x := rng.Float64() * acc
		lo, hi := 0, len(cum)-1
		for lo < hi {
			if mid := (lo + hi) / 2; cum[mid] < x {
				lo = mid + 1
			} else {
				hi = mid
			}
		}
		return vocab[lo]
	}
	text := func(words int) string {
		var b strings.Builder
		for i := 0; i < words; i++ {
			if i > 0 {
				b.WriteByte(' ')
			}
			if rng.IntN(3) == 0 {
				b.WriteString(functionWords[rng.IntN(len(functionWords))] + " ")
			}
			b.WriteString(word())
			if rng.IntN(15) == 0 {
				b.WriteString(".")
			}
		}
		return b.String()
	}
	countries := map[string]string{"SN": "Sénégal", "CI": "Côte d'Ivoire", "MA": "Maroc", "TN": "Tunisie", "CM": "Cameroun",
		"KE": "Kenya", "VN": "Viêt Nam", "BR": "Brésil", "IN": "Inde", "EG": "Égypte"}
	sectors := map[string]string{"energie": "Énergie", "eau": "Eau et assainissement", "sante": "Santé", "numerique": "Numérique", "btp": "Infrastructures et BTP"}
	codes, slugs := sortedKeys(countries), sortedKeys(sectors)
	pick := func(from []string, k int) []string {
		p := rng.Perm(len(from))[:k]
		out := make([]string, k)
		for i, j := range p {
			out[i] = from[j]
		}
		return out
	}
	sections := func(words, per int) []Section {
		var out []Section
		for i := 0; words > 0; i++ {
			h := ""
			if i > 0 {
				h = strings.TrimSpace(text(4))
			}
			out = append(out, Section{Heading: h, Anchor: fmt.Sprintf("s%d", i), Text: text(min(words, per))})
			words -= per
		}
		return out
	}
	docs := make([]Doc, 0, n)
	for i := 0; i < n; i++ {
		d := Doc{Title: text(4 + rng.IntN(5)), Summary: text(20), Countries: pick(codes, 1+rng.IntN(2)), Sectors: pick(slugs, 1+rng.IntN(2))}
		switch {
		case i < n/20:
			d.Type, d.URL, d.Sections = "chapitre", fmt.Sprintf("guide/c%d/", i), sections(800+rng.IntN(700), 150)
		case i < n/20+n/4:
			d.Type, d.URL, d.Sections = "cas", fmt.Sprintf("cas/k%d/", i), sections(400+rng.IntN(400), 100)
		default:
			d.Type, d.URL, d.Sections = "ami", fmt.Sprintf("ami/a%d/", i), sections(80+rng.IntN(120), 200)
			d.Issuer = "Groupe " + word()
			d.Deadline = fmt.Sprintf("2026-%02d-%02d", 1+rng.IntN(12), 1+rng.IntN(28))
			d.Open = d.Deadline >= "2026-07-01"
		}
		docs = append(docs, d)
	}
	return docs, Config{Synonyms: testSynonyms, CountryNames: countries, SectorNames: sectors}
}

func sortedKeys(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// BenchmarkBuild indexes a synthetic corpus of 10,000 documents, the size of the bench's.
func BenchmarkBuild(b *testing.B) {
	docs, cfg := synthCorpus(10000)
	b.ResetTimer()
	for b.Loop() {
		files, err := Build(docs, cfg)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(len(files)), "files")
	}
}

// BenchmarkAnalyze analyzes a chapter-sized text.
func BenchmarkAnalyze(b *testing.B) {
	docs, _ := synthCorpus(40)
	text := ""
	for _, s := range docs[0].Sections {
		text += s.Heading + "\n" + s.Text + "\n"
	}
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Analyze(text)
	}
}

// BenchmarkBuildCorpus indexes the corpus of ../shared/bench/gencorpus.py named by
// COEXPORT_CORPUS (its coexport/ folder).
func BenchmarkBuildCorpus(b *testing.B) {
	dir := os.Getenv("COEXPORT_CORPUS")
	if dir == "" {
		b.Skip("COEXPORT_CORPUS not set")
	}
	docs, cfg := loadBenchCorpus(b, dir)
	b.ResetTimer()
	for b.Loop() {
		if _, err := Build(docs, cfg); err != nil {
			b.Fatal(err)
		}
	}
}

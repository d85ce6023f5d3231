// Package search builds the site's search index from the model, and defines the analyzer
// that layouts/assets/search.js repeats in the browser.
//
// In the pipeline it sits beside the renderer: the build hands it one Doc per chapter, case,
// AMI, page, country and sector (never re-parsed HTML), and publishes the Files that Build returns under
// recherche/index/. The browser fetches only what a query needs: no server, no WASM.
//
// # Language
//
// Analyze folds case, accents and ligatures to ASCII (é→e, œ→oe, æ→ae, ç→c), splits on
// anything but letters and digits (a hyphen splits; combining accents and soft hyphens do
// not), drops elisions (l' d' j' m' n' s' t' c' qu' jusqu' lorsqu' puisqu' quoiqu', with ' or
// ’) and a short list of stop words, and stems each word (see stem). search.js does the same;
// testdata/analyzer_vectors.json, written by go test -update, proves it with
// analyzer_test.mjs (node --test internal/search/).
//
// Synonyms (Config.Synonyms) are applied at index time: every member of a group found in a
// text (a word, or a phrase of consecutive words after stop words are dropped) adds the
// group's canonical token (its shortest one-word member), so "sme" and "petite et moyenne
// entreprise" also index "pme". At query time search.js replaces a member by that token.
//
// Prefix matching works on folded words, not stems: the dictionary keeps, for each stem,
// the words that reduce to it, so "financ", "financem" and "financement" all reach the stem
// "financ" of "financement" (the word being typed, when it has three letters or more, also
// brings up to 8 other stems, the most frequent ones whose words start with it).
//
// # Ranking
//
// A term's weight in a document is its impact: its class, the best field it appears in
// (title 3, heading 2, lead 1 — summary, country and sector names, issuer — body 0), times
// 16, plus its BM25F saturation (k1 1.2, b 0.75, field weights 3/2/1.5/1) quantized to
// 1..15. A query is the AND of its words; a document scores, for each word, the best of the
// word's stems: class×1000 + idf×level, plus 500 for the word's own stem (a stem met by
// prefix only also counts its idf×level 0.7 times), summed over the words. So a page with the
// words in its title ranks above any page that has them only in its body (500 + idf×15 stays
// below 1000), within a class the word itself above the longer words it begins ("eau" above
// "eaura"), and BM25 orders pages after that.
//
// # Files
//
// Doc ids follow orderDocs: by type (each type a range of ids: hubs, that is country and
// sector pages, first, so that they win ties), open AMIs last and by deadline (so that "open on
// the reader's date" is a range), closed AMIs and cases by first sector and country (the facet
// table compresses), chapters and pages by title.
//
// A hub (Doc.Hub) is a country's or a sector's page: its title words take the highest BM25
// level, so that "sénégal" offers /pays/sn/ first ("Sénégal — 12 AMI ouverts, 3 cas"), then
// the pages that mention Senegal.
//
// The first results of a query take one wave of requests after the page: the search page
// carries meta.json and search.js inline in its <head>, before the stylesheet; search.js asks,
// at the same time and while the page is still being parsed, for the shards of the query's
// stems (for the dictionary and the prefix matches) and for the file holding each stem's
// records, which are its first results: a frequent stem's own file p/STEM.bin (meta
// lists them), else the stem's record bucket r/N.bin, N computed from the stem alone. A
// one-word query draws its results from them, and so does a query of frequent words,
// mostly; the facet counts (f.bin for a rare stem), further pages and the results of a query
// whose best documents no record holds (d/, x/: "maroc eau", where the rare "maroc" keeps 10
// records) come after.
//
//	meta.json   {"v" format, "n" docs, "k" records per term, "kf" records per frequent
//	            term, "g" docs per chunk, "x" text
//	            store written, "h" version (fetch files with ?v=h), "t" [[type, lo, hi]],
//	            "o" [lo, hi, d0, [n…]]: AMIs open at build time are ids lo..hi, n of them
//	            closing after day d0+i; "c", "s" [[code, name]] countries, sectors; "y"
//	            [[canonical, [[stems]…]]] synonyms; "b" shard bounds; "r" number of record
//	            buckets; "f" the frequent stems, in order, separated by spaces}
//	t/N.bin     dictionary shard N: the stems from b[N] up to b[N+1] (~3 KB a shard): a
//	            JSON line [[stem, "words…", df, bytes]…], then the postings of each stem
//	            with bytes > 0, in order; bytes 0 marks a frequent stem (the max(16, n/10)
//	            commonest), whose postings end its own file.
//	r/N.bin     record bucket N (~8 KB): a JSON line {stem: records, …} for the stems
//	            that are not frequent and whose FNV-1a hash (32 bits, of the stem's bytes)
//	            modulo r is N. A stem's records are those of its 10 best documents,
//	            [doc, title, url, heading, anchor, snippet] (AMIs add issuer, deadline,
//	            [country indexes]; a hub's snippet is its summary).
//	p/STEM.bin  a frequent stem's own file: a JSON line {"r": records, "c", "s": counts per
//	            country and sector}, then its postings. Its records go four pages deep (the
//	            stem's 40 best documents): a query of two frequent words ("marchés publics")
//	            finds there the documents that rank first for both, which are seldom the
//	            first for either. A one-word query without filters needs nothing else to
//	            draw its results; type and open counts come from the postings.
//	f.bin       the facet table, a bit stream: for each doc, its countries then its
//	            sectors, each set as its size in unary (n zeros, a one), a bit telling
//	            whether its first index is the previous doc's first (else the index, in
//	            the bits the set's value count needs), then each next index as the gap
//	            from the one before, in as many bits as the values left need.
//	d/N.json    docs N*g..N*g+g-1: [title, url, summary, issuer, deadline, [text block of
//	            each section]] (the last three only for AMIs or with a text store).
//	x/N.json    the text store, for sites small enough (at most 1,000 files of ~2 KB):
//	            [[doc, section, heading, anchor, text]…]. Without it, a result outside its
//	            terms' records shows its summary.
//
// Postings are a bit stream, most significant bit first: the width of a section index (4
// bits, 0 when absent), the number of segments (Elias gamma), then each segment, impacts
// descending: its impact (6 bits for the first, then the drop from the previous in gamma),
// its number of documents (gamma), a Rice parameter k (4 bits), and its documents ascending,
// each as the gap from the previous minus one in Rice(k), followed by 1 + the index of the
// section where the term weighs most (0: none), in the width above.
//
// Facet counts follow "a value's count is what adding it gives": OR within a facet, AND
// across facets, and a facet's counts take the results that pass every other facet's filter.
package search

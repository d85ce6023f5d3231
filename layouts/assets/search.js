/* coexport search: the script of /recherche/.
 *
 * layouts/search.html carries it inline, minified (render.MinifyScript: no comments, short
 * local names), in the page's <head>, before the stylesheet (a script after it would wait for
 * it), with the index's meta.json in <script id="search-meta">: when the query is in the URL,
 * the files it needs are asked for while the page is still being parsed, and the results are
 * drawn as soon as they are in and the results list is parsed (see the end of this file): one
 * wave of requests after the page. The page's copy of meta.json is checked against the file
 * once the first results are drawn: a page that a cache kept across a new build searches
 * again with the new index. Without it (a project's own layout), meta.json is fetched first.
 * Being inline, the script must never hold the characters that close a script element or
 * open an HTML comment (the build refuses it).
 *
 * The index it reads is written by internal/search (Build) and described in
 * internal/search/doc.go, "Files"; the section "Index files" below is the only code that reads
 * their bytes, and follows that description field by field.
 *
 * CSS classes: .search-facet (fieldset), .search-count, .search-type, .search-section (the
 * matched heading), .search-snippet, .search-meta (AMI issuer, countries, deadline),
 * .search-more (button). Query words are in <mark>. Text from the index is always set as
 * text (textContent), never parsed as HTML.
 */
(() => {
	'use strict';

	// ---- analyzer: the twin of analyzer.go and stem.go (analyzer_test.mjs checks them on shared vectors)

	// LATIN_FOLD maps the code points 192 (À) to 383 (ſ) to what they fold to: a lower-case
	// ASCII letter, a space for a character that is not a letter (× ÷), or an upper-case
	// marker for a two-letter fold (TWO_LETTERS).
	const LATIN_FOLD = 'aaaaaaAceeeeiiiidnooooo ouuuuyTSaaaaaaAceeeeiiiidnooooo ouuuuyTy' +
		'aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiiiIIjjkkkllllllllllnnnnnnnnnooooooOOrrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs';
	const TWO_LETTERS = { A: 'ae', O: 'oe', S: 'ss', T: 'th', I: 'ij' };
	const wordSet = (list) => new Set(list.split(' '));
	const STOP_WORDS = wordSet('a au aux avec c ce ces cet cette d dans de des du elle elles en est et il ils j je l la le les leur leurs lui m ma mes n ne nos notre nous on ont ou par pas pour qu que qui s sa se ses son sont sur t ta te tes ton tu un une vos votre vous y');
	const ELISIONS = wordSet('c d j jusqu l lorsqu m n puisqu qu quoiqu s t');
	// SUFFIXES are tried in order; "iere:ier" replaces the suffix iere by ier.
	const SUFFIXES = 'atrice ateur ation ement iere:ier ier:ier euse eur ique:ic ee er ir e'.split(' ').map((s) => s.split(':'));
	const MAX_WORD = 40;

	// hasLongerStem: word ends with suffix and keeps more than two letters without it.
	const hasLongerStem = (word, suffix) => word.endsWith(suffix) && word.length - suffix.length > 2;

	// stem: a light French stemmer (stem.go): demonyms, then plurals, then one derivational suffix.
	function stem(word) {
		if (word.length < 4 || /\d/.test(word) || word === 'pays') return word;
		for (const suffix of ['aises', 'aise', 'ais']) if (hasLongerStem(word, suffix)) return word.slice(0, -suffix.length);
		const n = word.length;
		if (n > 4 && word.endsWith('eaux')) word = word.slice(0, -1);
		else if (n > 4 && word.endsWith('aux')) word = word.slice(0, -2) + 'l';
		else if (word[n - 1] === 's' && word[n - 2] !== 's' || word[n - 1] === 'x') word = word.slice(0, -1);
		for (const [suffix, replacement = ''] of SUFFIXES) if (hasLongerStem(word, suffix)) return word.slice(0, -suffix.length) + replacement;
		return word;
	}

	// foldChar: the folded form of one UTF-16 code unit, '' when it is not a letter or digit.
	function foldChar(code) {
		if (code >= 48 && code <= 57 || code >= 97 && code <= 122) return String.fromCharCode(code); // 0-9 a-z
		if (code >= 65 && code <= 90) return String.fromCharCode(code + 32); // A-Z
		if (code >= 192 && code < 384) {
			const folded = LATIN_FOLD[code - 192];
			return TWO_LETTERS[folded] || folded.trim();
		}
		return '';
	}
	// joinsWord: combining accents, the soft hyphen and zero-width characters stay inside a word.
	const joinsWord = (code) => code >= 768 && code < 880 || code === 173 || code >= 8203 && code <= 8205 || code === 8288 || code === 65279;
	// isApostrophe: ' ‘ ’ ʼ, after which an elision (l', qu'…) is dropped.
	const isApostrophe = (code) => code === 39 || code === 8216 || code === 8217 || code === 700;

	// words: the words of text, folded and stemmed, as {word, stem, start, end} (start and end
	// index text); stop words and elisions are left out.
	function words(text) {
		const found = [];
		let word = '', start = -1;
		const endWord = (end, beforeApostrophe) => {
			if (word && word.length <= MAX_WORD && !(beforeApostrophe && ELISIONS.has(word)) && !STOP_WORDS.has(word)) {
				found.push({ word, stem: stem(word), start, end });
			}
			word = '';
			start = -1;
		};
		for (let i = 0; i < text.length; i++) {
			const code = text.charCodeAt(i), folded = foldChar(code);
			if (folded) {
				if (start < 0) start = i;
				word += folded;
			} else if (!joinsWord(code)) {
				endWord(i, isApostrophe(code));
			}
		}
		endWord(text.length, false);
		return found;
	}

	// parse: the terms of a query, {stem, prefix}. A synonym (one word or a phrase) becomes its
	// group's canonical stem (synonyms: meta's y, [[canonical, [[stem…]…]]…]). The last word,
	// when the query ends with it (it is being typed), also matches as a prefix: its folded
	// form when it has three letters or more; shorter, it is left out of a longer query.
	function parse(query, synonyms) {
		const found = words(query), terms = [];
		const typing = found.length > 0 && found[found.length - 1].end === query.length;
		for (let i = 0; i < found.length; i++) {
			const term = { stem: found[i].stem, prefix: '' };
			let isSynonym = false;
			for (const [canonical, members] of synonyms) {
				const member = members.find((stems) => stems.every((s, j) => found[i + j] && found[i + j].stem === s));
				if (member) {
					i += member.length - 1;
					term.stem = canonical;
					isSynonym = true;
					break;
				}
			}
			if (i === found.length - 1 && typing && !isSynonym) {
				if (found[i].word.length > 2) term.prefix = found[i].word;
				else if (found.length > 1) continue;
			}
			terms.push(term);
		}
		return terms;
	}

	// ---- fetching

	const script = document.currentScript;
	const INDEX_URL = script.dataset.index, SITE_BASE = script.dataset.base;
	let meta = null; // meta.json, decoded (decodeMeta)
	const metaElement = document.getElementById('search-meta');
	let metaChecked = !metaElement; // the page's copy of meta.json was checked against the file

	// loaded: path → the promise of its decoded content; a failed load is forgotten, to be tried again.
	const loaded = new Map();

	// load fetches an index file once and decodes it. meta.json is revalidated (it names this
	// build's version, which every other file is asked for with ?v=, so that no cache mixes two
	// builds).
	function load(path, decode) {
		if (!loaded.has(path)) {
			const promise = (meta ? request(INDEX_URL + path + '?v=' + meta.version, path) : revalidated(INDEX_URL + path, path))
				.then(decode)
				.catch((error) => {
					loaded.delete(path);
					throw error;
				});
			loaded.set(path, promise);
		}
		return loaded.get(path);
	}

	// request: the bytes at url (an ArrayBuffer), through the HTTP cache; name is for errors.
	// It uses XMLHttpRequest, not fetch(): in Chromium a fetch's body reaches the script in
	// tasks that queue behind the page's own loading (style, layout, first paint), an
	// XMLHttpRequest's load event much less. Measured in headless Chromium on the 1k bench
	// corpus, a bare page asking for one 18 KB index file, 10 cold loads each: the bytes were in
	// the script's hands 2-133 ms (median 32) after the response had ended with fetch, 2-72 ms
	// (median 10) with XMLHttpRequest.
	function request(url, name) {
		return new Promise((resolve, reject) => {
			const xhr = new XMLHttpRequest();
			xhr.open('GET', url);
			xhr.responseType = 'arraybuffer';
			xhr.onload = () => xhr.status >= 200 && xhr.status < 300 ? resolve(xhr.response) : reject(new Error(name + ' ' + xhr.status));
			xhr.onerror = () => reject(new Error(name + ' unreachable'));
			xhr.send();
		});
	}

	// revalidated: the bytes at url, asking the server whether a cached copy is still current.
	const revalidated = (url, name) => fetch(url, { cache: 'no-cache' }).then((response) => {
		if (!response.ok) throw new Error(name + ' ' + response.status);
		return response.arrayBuffer();
	});

	// ---- index files (internal/search/doc.go, "Files"): every byte of the index is read here

	const utf8 = new TextDecoder();
	const parseJSON = (bytes) => JSON.parse(utf8.decode(bytes));

	// splitHead: a file made of a JSON line then binary data, as [the JSON value, the data].
	function splitHead(buffer) {
		const bytes = new Uint8Array(buffer), newline = bytes.indexOf(10);
		return [parseJSON(bytes.subarray(0, newline)), bytes.subarray(newline + 1)];
	}

	// bitReader reads a bit stream written by bits.go, most significant bit first.
	function bitReader(bytes) {
		let position = 0; // in bits
		// window: the 32 bits from position on, as an unsigned number (zeros past the end). The
		// five bytes from position's byte on hold them at any bit offset; a byte read past the
		// end is undefined, which the shifts and | turn into 0.
		const window = () => {
			const at = position >> 3, offset = position & 7;
			const word = ((bytes[at] << 24) | (bytes[at + 1] << 16) | (bytes[at + 2] << 8) | bytes[at + 3]) >>> 0;
			return offset ? ((word << offset) | (bytes[at + 4] >> (8 - offset))) >>> 0 : word;
		};
		const reader = {
			// bits: the next n bits as a number; n may pass 24 (then read in two parts, as
			// >>> works on 32 bits and a shift by 32 is a shift by 0).
			bits(n) {
				if (n > 24) return reader.bits(n - 16) * 65536 + reader.bits(16);
				if (n === 0) return 0;
				const value = window() >>> (32 - n);
				position += n;
				return value;
			},
			// unary: the number of zero bits before the next one bit (which is consumed):
			// Math.clz32 counts the zeros of a whole window at once.
			unary() {
				let zeros = 0;
				for (;;) {
					const bits = window();
					if (bits) {
						const z = Math.clz32(bits);
						position += z + 1;
						return zeros + z;
					}
					if (position >= bytes.length * 8) throw new Error('postings: no end to a unary code');
					zeros += 32;
					position += 32;
				}
			},
			// gamma: Elias gamma, a number v >= 1 as z zeros then its z+1 bits, which start with
			// the one that ends the zeros.
			gamma() {
				const zeros = reader.unary();
				return 2 ** zeros + reader.bits(zeros);
			},
			// rice: a number v >= 0 with parameter k: v >> k in unary, then its k low bits.
			rice(k) {
				return reader.unary() * 2 ** k + reader.bits(k);
			},
		};
		return reader;
	}

	// decodeMeta: meta.json's value, with names.
	function decodeMeta(m) {
		const [openLo, openHi, firstDeadline, closingPerDay] = m.o;
		return {
			version: m.h,
			docCount: m.n,
			recordsPerTerm: m.k, // records of a stem in a bucket: its first results…
			frequentRecords: m.kf, // …and in a frequent stem's own file, which has more (drawing two-word queries at once)
			docsPerChunk: m.g,
			hasTextStore: m.x,
			buckets: m.r, // record buckets r/0.bin … r/(m.r - 1).bin
			frequent: new Set(m.f ? m.f.split(' ') : []), // the stems with their own file p/STEM.bin
			types: m.t.map(([name, lo, hi]) => ({ name, lo, hi })), // doc ids lo..hi-1 are of type name
			open: { lo: openLo, hi: openHi, firstDeadline, closingPerDay },
			countries: m.c.map(([code, name]) => ({ value: code.toLowerCase(), name })),
			sectors: m.s.map(([slug, name]) => ({ value: slug, name })),
			synonyms: m.y,
			shardBounds: m.b, // shard i holds the stems from b[i] (included) to b[i+1]
		};
	}

	// decodePostings calls visit(doc, impact, section) for each posting of a term, in ranking
	// order (impact descending, then doc id). Layout: the width of a section index (4 bits),
	// the number of segments (gamma); per segment, its impact (6 bits for the first, then the
	// drop from the previous one in gamma), its number of docs (gamma), a Rice parameter k (4
	// bits), then per doc the gap from the previous doc minus one (Rice k) and 1 + the section
	// where the term weighs most (0: none) in the width read first.
	function decodePostings(bytes, visit) {
		const reader = bitReader(bytes), sectionWidth = reader.bits(4), segments = reader.gamma();
		let impact = 0;
		for (let segment = 0; segment < segments; segment++) {
			impact = segment === 0 ? reader.bits(6) : impact - reader.gamma();
			const count = reader.gamma(), k = reader.bits(4);
			const sectionMask = (1 << sectionWidth) - 1;
			let doc = -1;
			for (let i = 0; i < count; i++) {
				// the gap's Rice code (reader.rice) and the section index, the k low bits of the
				// one and the other read together: this loop runs for every posting of a query
				const high = reader.unary(), low = reader.bits(k + sectionWidth);
				doc += high * (1 << k) + (low >>> sectionWidth) + 1;
				visit(doc, impact, (low & sectionMask) - 1);
			}
		}
	}

	// decodeShard: dictionary shard t/N.bin, a JSON line [[stem, "words", df, bytes]…] then the
	// postings of each stem with bytes > 0, in order. Entries: {stem, words, df, postings},
	// postings null for a frequent stem (they are in its own file).
	function decodeShard(buffer) {
		const [entries, data] = splitHead(buffer);
		let at = 0;
		return entries.map(([stemOf, wordList, df, length]) => ({
			stem: stemOf,
			words: wordList ? wordList.split(' ') : [],
			df,
			postings: length > 0 ? data.subarray(at, at += length) : null,
		}));
	}

	// decodeTermFile: a frequent stem's own file p/STEM.bin, a JSON line {"r": records of its
	// first results, "c", "s": counts per country and sector} then its postings.
	function decodeTermFile(buffer) {
		const [head, postings] = splitHead(buffer);
		return { records: head.r.map(decodeRecord), countryCounts: head.c, sectorCounts: head.s, postings };
	}

	// decodeBucket: record bucket r/N.bin, a JSON line {stem: [record…]…} for the stems that
	// are not frequent and hash to N (bucketOf). Returns a Map stem → records.
	function decodeBucket(buffer) {
		const [head] = splitHead(buffer);
		return new Map(Object.entries(head).map(([stemOf, records]) => [stemOf, records.map(decodeRecord)]));
	}

	// bucketOf: the record bucket of a stem, the FNV-1a hash (32 bits) of its bytes modulo the
	// number of buckets (files.go, bucketOf). Stems are ASCII: a UTF-16 code unit is a byte.
	function bucketOf(stemOf) {
		let hash = 0x811c9dc5;
		for (let i = 0; i < stemOf.length; i++) hash = Math.imul(hash ^ stemOf.charCodeAt(i), 0x01000193) >>> 0;
		return hash % meta.buckets;
	}

	// decodeRecord: [doc, title, url, heading, anchor, snippet] and, for AMIs, [issuer,
	// deadline, [country indexes]] after it.
	function decodeRecord([doc, title, url, heading, anchor, snippet, issuer = '', deadline = '', countries = []]) {
		return { doc, title, url, heading, anchor, snippet, issuer, deadline, countries };
	}

	// decodeChunk: doc chunk d/N.json, [title, url, summary, issuer, deadline, [text block of
	// each section]] per doc (the last three only for AMIs or with a text store).
	function decodeChunk(buffer) {
		return parseJSON(new Uint8Array(buffer)).map(([title, url, summary, issuer = '', deadline = '', blocks = []]) =>
			({ title, url, summary, issuer, deadline, blocks }));
	}

	// decodeTextBlock: text store x/N.json, [[doc, section, heading, anchor, text]…].
	function decodeTextBlock(buffer) {
		return parseJSON(new Uint8Array(buffer)).map(([doc, section, heading, anchor, text]) => ({ doc, section, heading, anchor, text }));
	}

	// decodeFacetTable: f.bin, each doc's countries then sectors, each set as: its size in
	// unary; a bit telling whether its first index is the previous doc's first index of this
	// facet (1), else that index; then each next index as the gap from the one before. An index
	// takes as many bits as the values left to choose from need (setWidth in files.go).
	// It returns per facet {values, start}: doc d's indexes are values[start[d]…start[d+1]-1].
	function decodeFacetTable(buffer) {
		const reader = bitReader(new Uint8Array(buffer));
		const facets = [meta.countries.length, meta.sectors.length].map((size) => ({ size, values: [], start: [0], first: -1 }));
		const widthAfter = (size, previous) => {
			const left = size - previous - 2;
			return left > 0 ? 32 - Math.clz32(left) : 0;
		};
		for (let doc = 0; doc < meta.docCount; doc++) {
			for (const facet of facets) {
				const count = reader.unary();
				let previous = -1;
				for (let i = 0; i < count; i++) {
					let index;
					if (i > 0) index = previous + 1 + reader.bits(widthAfter(facet.size, previous));
					else if (reader.bits(1)) index = facet.first;
					else index = facet.first = reader.bits(widthAfter(facet.size, -1));
					facet.values.push(index);
					previous = index;
				}
				facet.start.push(facet.values.length);
			}
		}
		const [countries, sectors] = facets;
		return { countries, sectors };
	}

	const decodeMetaFile = (buffer) => decodeMeta(parseJSON(new Uint8Array(buffer)));
	const loadMeta = () => meta ? Promise.resolve(meta) : load('meta.json', decodeMetaFile).then((m) => (meta = m));
	if (metaElement) meta = decodeMeta(JSON.parse(metaElement.textContent));

	// replaceStaleMeta checks, once, the page's copy of meta.json against the server's file,
	// and takes the file when it names another build (the page came from a cache, the index
	// did not): it returns true then, and the query is to be run again.
	async function replaceStaleMeta() {
		if (metaChecked) return false;
		metaChecked = true;
		try {
			const fresh = decodeMetaFile(await revalidated(INDEX_URL + 'meta.json', 'meta.json'));
			if (fresh.version === meta.version) return false;
			meta = fresh;
			loaded.clear();
			return true;
		} catch {
			return false;
		}
	}
	const loadShard = (i) => load('t/' + i + '.bin', decodeShard);
	const loadTermFile = (stemOf) => load('p/' + stemOf + '.bin', decodeTermFile);
	const loadBucket = (i) => load('r/' + i + '.bin', decodeBucket);
	// recordsOf: the records of a stem's first results, from its own file or its bucket.
	const recordsOf = (stemOf) => meta.frequent.has(stemOf)
		? loadTermFile(stemOf).then((file) => file.records)
		: loadBucket(bucketOf(stemOf)).then((bucket) => bucket.get(stemOf) || []);
	const loadChunk = (i) => load('d/' + i + '.json', decodeChunk);
	const loadTextBlock = (i) => load('x/' + i + '.json', decodeTextBlock);
	const loadFacetTable = () => load('f.bin', decodeFacetTable);

	// ---- looking up

	const MAX_EXPANSIONS = 8; // stems a prefix adds, the most frequent ones
	const EXACT_BONUS = 500; // see scoreDocs

	// shardOf: the shard whose stems include key, by the bounds in meta.
	function shardOf(key) {
		let i = 0;
		while (i + 1 < meta.shardBounds.length && meta.shardBounds[i + 1] <= key) i++;
		return i;
	}

	// lookUp: a term's stems, [{entry, exact}], the term's own stem first when the index has
	// it, then, for a prefix, up to MAX_EXPANSIONS stems having a word that starts with it.
	// Prefix matches are searched in the shards of the stems sharing its first three letters
	// (a word and its stem share at least those). With eager, the file holding the stem's
	// records (recordsOf) is asked for at the same time as its shard rather than after it: one
	// round trip, not two, for the first results.
	async function lookUp(term, eager) {
		if (eager) recordsOf(term.stem).catch(() => {});
		const key = term.prefix.slice(0, 3), shards = [shardOf(term.stem)];
		if (term.prefix) for (let i = shardOf(key); i <= shardOf(key + '{'); i++) shards.push(i);
		const [own, ...near] = await Promise.all(shards.map(loadShard));
		const exact = own.find((entry) => entry.stem === term.stem);
		const startsWithPrefix = (entry) => entry !== exact && [entry.stem, ...entry.words].some((w) => w.startsWith(term.prefix));
		const expansions = [...new Set(term.prefix ? near.flat().filter(startsWithPrefix) : [])]
			.sort((a, b) => b.df - a.df).slice(0, MAX_EXPANSIONS);
		return (exact ? [{ entry: exact, exact: true }] : []).concat(expansions.map((entry) => ({ entry, exact: false })));
	}

	// openRange: the ids of the AMIs still open on the reader's date [lo, hi): those open at
	// build time, less the ones whose deadline has passed since.
	function openRange() {
		const { lo, hi, firstDeadline, closingPerDay } = meta.open, now = new Date();
		const today = Date.UTC(now.getFullYear(), now.getMonth(), now.getDate());
		const daysSince = (today - Date.parse(firstDeadline)) / 864e5;
		let openLo = lo;
		closingPerDay.forEach((n, day) => { if (day < daysSince) openLo += n; });
		return [openLo, hi];
	}
	const typeOf = (doc) => meta.types.findIndex((t) => doc < t.hi);

	// ---- searching (doc.go, "Ranking")

	const FACETS = ['type', 'pays', 'secteur']; // URL keys of the type, country and sector filters
	const facetValues = () => [meta.types.map((t) => ({ value: t.name })), meta.countries, meta.sectors];

	// search runs a query: {q, type, pays, secteur (ticked values), ouvertes, wanted (results
	// to show)}. It returns null for a query without words, else {total, hits (doc ids,
	// ranked), records (doc → record, those known without more fetching), sectionOf (doc → the
	// section where the query weighs most), highlight (stems to mark), counts (a function
	// returning a promise of the facet counts, {types, countries, sectors, open}: called once
	// the results are drawn, since it may fetch the facet table)}.
	async function search(query, eager) {
		const terms = parse(query.q, meta.synonyms);
		if (!terms.length) return null;
		const stemsPerTerm = await Promise.all(terms.map((term) => lookUp(term, eager)));
		const result = { total: 0, hits: [], records: new Map(), sectionOf: () => -1, highlight: highlighted(stemsPerTerm), counts: null };
		if (stemsPerTerm.some((stems) => !stems.length)) {
			result.counts = async () => null;
			return result;
		}
		const ticked = facetValues().map((values, k) => values.map((v) => query[FACETS[k]].includes(v.value)));
		const filters = { ticked, on: ticked.map((t) => t.includes(true)), open: query.ouvertes, openRange: openRange() };
		const [only] = stemsPerTerm;
		if (terms.length === 1 && only.length === 1 && !filters.on.includes(true) && !filters.open && query.wanted <= recordCount(only[0].entry.stem)) {
			return oneStem(only[0].entry, result);
		}
		return allStems(stemsPerTerm, filters, query.wanted, result);
	}

	// recordCount: how many of a stem's best documents its records hold.
	const recordCount = (stem) => meta.frequent.has(stem) ? meta.frequentRecords : meta.recordsPerTerm;

	// highlighted: the stems a query matched, and the one-word members of their synonym groups.
	function highlighted(stemsPerTerm) {
		const stems = new Set();
		for (const { entry } of stemsPerTerm.flat()) {
			stems.add(entry.stem);
			for (const [canonical, members] of meta.synonyms) {
				if (canonical === entry.stem) for (const member of members) if (member.length === 1) stems.add(member[0]);
			}
		}
		return stems;
	}

	// oneStem: a one-stem query without filters. Its records are the first page; the counts
	// come after: a frequent stem's from its own file, a rare one's from the facet table.
	async function oneStem(entry, result) {
		const records = await recordsOf(entry.stem);
		for (const record of records) result.records.set(record.doc, record);
		result.total = entry.df;
		result.hits = records.map((r) => r.doc);
		result.counts = entry.postings
			? () => countMatches([{ postings: entry.postings, weight: 0, bonus: 0 }])
			: () => loadTermFile(entry.stem).then(countFromTermFile);
		return result;
	}

	// countFromTermFile: a frequent stem's counts: types and open AMIs from its postings (they
	// depend on the reader's date), countries and sectors from its file.
	function countFromTermFile(file) {
		const counts = { types: meta.types.map(() => 0), countries: file.countryCounts, sectors: file.sectorCounts, open: 0 };
		const [openLo, openHi] = openRange();
		decodePostings(file.postings, (doc) => {
			counts.types[typeOf(doc)]++;
			if (doc >= openLo && doc < openHi) counts.open++;
		});
		return counts;
	}

	// scoreDocs: a doc's score is, summed over the query's terms, the best of the term's stems:
	// class × 1000 + idf × BM25 level, plus EXACT_BONUS for the term's own stem (a stem met by
	// prefix weighs its idf 0.7 times): the word itself ranks above the longer words it begins,
	// within a class (EXACT_BONUS + idf × 15 < 1000). Returns the scores,
	// the docs that have every term, and each doc's best section.
	function scoreDocs(terms) {
		const n = meta.docCount, score = new Float64Array(n), termsMet = new Uint8Array(n), best = new Float64Array(n);
		const section = new Int16Array(n).fill(-1);
		for (const stems of terms) {
			const touched = [];
			for (const { postings, weight, bonus } of stems) {
				decodePostings(postings, (doc, impact, sec) => {
					const value = (impact >> 4) * 1000 + bonus + weight * (impact & 15); // impact: class × 16 + level
					if (!best[doc]) touched.push(doc);
					if (value > best[doc]) best[doc] = value;
					if (section[doc] < 0) section[doc] = sec;
				});
			}
			for (const doc of touched) {
				termsMet[doc]++;
				score[doc] += best[doc];
				best[doc] = 0;
			}
		}
		const matches = [];
		for (let doc = 0; doc < n; doc++) if (termsMet[doc] === terms.length) matches.push(doc);
		return { score, matches, section };
	}

	// allStems: the general path: every stem's postings (inline in its shard, or in a frequent
	// stem's own file), scored; records from the exact stems' files (recordsOf).
	async function allStems(stemsPerTerm, filters, wanted, result) {
		const stems = stemsPerTerm.flat();
		const [recordLists, files] = await Promise.all([
			Promise.all(stems.map(({ entry, exact }) => exact ? recordsOf(entry.stem) : [])),
			Promise.all(stems.map(({ entry }) => entry.postings ? null : loadTermFile(entry.stem))),
		]);
		for (const records of recordLists) for (const record of records) result.records.set(record.doc, record);
		let i = 0;
		const terms = stemsPerTerm.map((stems) => stems.map(({ entry, exact }) => {
			const file = files[i++];
			const idf = Math.log(1 + (meta.docCount - entry.df + 0.5) / (entry.df + 0.5));
			return { postings: entry.postings || file.postings, weight: idf * (exact ? 1 : 0.7), bonus: exact ? EXACT_BONUS : 0 };
		}));
		const { score, matches, section } = scoreDocs(terms);
		result.sectionOf = (doc) => section[doc];
		// country or sector filters need the facet table before the results; without them the
		// results show first and the counts follow
		let passing;
		if (filters.on[1] || filters.on[2]) {
			const counted = await countDocs(matches, filters);
			passing = counted.passing;
			result.counts = async () => counted.counts;
		} else {
			passing = filters.on[0] || filters.open ? matches.filter((doc) => passesTypeAndOpen(doc, filters)) : matches;
			result.counts = () => countDocs(matches, filters).then((counted) => counted.counts);
		}
		result.total = passing.length;
		result.hits = topRanked(passing, score, wanted);
		return result;
	}

	function passesTypeAndOpen(doc, filters) {
		const [openLo, openHi] = filters.openRange;
		return (!filters.on[0] || filters.ticked[0][typeOf(doc)]) && (!filters.open || doc >= openLo && doc < openHi);
	}

	// topRanked: the best `wanted` docs, best score first, ties in doc order.
	function topRanked(docs, score, wanted) {
		const top = [], better = (a, b) => score[a] > score[b] || score[a] === score[b] && a < b;
		for (const doc of docs) {
			if (top.length === wanted && !better(doc, top[wanted - 1])) continue;
			let i = Math.min(top.length, wanted - 1);
			while (i > 0 && better(doc, top[i - 1])) {
				top[i] = top[i - 1];
				i--;
			}
			top[i] = doc;
		}
		return top;
	}

	// countMatches: the counts of a one-stem query from its postings and the facet table.
	async function countMatches(terms) {
		const { matches } = scoreDocs([terms]);
		return (await countDocs(matches, { ticked: [[], [], []], on: [false, false, false], open: false, openRange: openRange() })).counts;
	}

	// countDocs: the facet counts of the matching docs, and those that pass every filter. A
	// value's count is what ticking it would give (doc.go): OR within a facet, AND across
	// facets, so a facet's counts take the docs that pass every other facet's filter.
	async function countDocs(matches, filters) {
		const table = await loadFacetTable();
		const counts = { types: meta.types.map(() => 0), countries: meta.countries.map(() => 0), sectors: meta.sectors.map(() => 0), open: 0 };
		const [openLo, openHi] = filters.openRange, passing = [];
		const valuesOf = (facet, doc) => facet.values.slice(facet.start[doc], facet.start[doc + 1]);
		const anyTicked = (ticked, values) => values.some((v) => ticked[v]);
		for (const doc of matches) {
			const type = typeOf(doc), isOpen = doc >= openLo && doc < openHi;
			const countries = valuesOf(table.countries, doc), sectors = valuesOf(table.sectors, doc);
			const fails = {
				type: filters.on[0] && !filters.ticked[0][type],
				country: filters.on[1] && !anyTicked(filters.ticked[1], countries),
				sector: filters.on[2] && !anyTicked(filters.ticked[2], sectors),
				open: filters.open && !isOpen,
			};
			const passesAllBut = (facet) => Object.keys(fails).every((f) => f === facet || !fails[f]);
			if (passesAllBut('type')) counts.types[type]++;
			if (passesAllBut('country')) countries.forEach((c) => counts.countries[c]++);
			if (passesAllBut('sector')) sectors.forEach((s) => counts.sectors[s]++);
			if (passesAllBut('open') && isOpen) counts.open++;
			if (passesAllBut(null)) passing.push(doc);
		}
		return { counts, passing };
	}

	// ---- rendering, with textContent only: the index's text is untrusted

	const TYPE_LABELS = { pays: 'Pays', secteur: 'Secteur', chapitre: 'Chapitre', cas: 'Cas', modele: 'Modèle', ami: 'AMI', page: 'Page' };
	const HUB_TYPES = new Set(['pays', 'secteur']);
	const SNIPPET_LENGTH = 160;

	// element: a new element with a class and text, both optional.
	function element(tag, className, text) {
		const e = document.createElement(tag);
		if (className) e.className = className;
		if (text != null) e.textContent = text;
		return e;
	}

	// marked: text appended to e, with the words whose stem is in highlight inside <mark>.
	function marked(e, text, highlight) {
		let at = 0;
		for (const w of words(text)) {
			if (!highlight.has(w.stem)) continue;
			e.append(text.slice(at, w.start), element('mark', '', text.slice(w.start, w.end)));
			at = w.end;
		}
		e.append(text.slice(at));
		return e;
	}

	// cutAround: about SNIPPET_LENGTH characters of text from a little before the first
	// highlighted word, cut on spaces, with "…" where text was cut (snippet in files.go).
	function cutAround(text, highlight) {
		const first = (words(text).find((w) => highlight.has(w.stem)) || { start: 0 }).start;
		let start = Math.max(0, first - Math.floor(SNIPPET_LENGTH / 3));
		if (start > 0) {
			const space = text.slice(start, first).search(/\s/);
			start = space < 0 ? first : start + space + 1;
		}
		let end = Math.min(text.length, start + SNIPPET_LENGTH);
		if (end < text.length && text.lastIndexOf(' ', end) > start) end = text.lastIndexOf(' ', end);
		return (start > 0 ? '… ' : '') + text.slice(start, end) + (end < text.length ? ' …' : '');
	}

	// recordOf: what doc shows: its record when the search has it, else one made from its doc
	// chunk, its matched section in the text store, and its countries in the facet table.
	async function recordOf(doc, result) {
		const known = result.records.get(doc);
		if (known) return known;
		const [chunk, table] = await Promise.all([loadChunk(Math.floor(doc / meta.docsPerChunk)), loadFacetTable()]);
		const row = chunk[doc % meta.docsPerChunk];
		const section = result.sectionOf(doc);
		const entry = meta.hasTextStore && section >= 0 &&
			(await loadTextBlock(row.blocks[section])).find((e) => e.doc === doc && e.section === section);
		return {
			doc, title: row.title, url: row.url,
			heading: entry ? entry.heading : '', anchor: entry ? entry.anchor : '',
			snippet: entry ? cutAround(entry.text, result.highlight) : row.summary,
			issuer: row.issuer, deadline: row.deadline,
			countries: table.countries.values.slice(table.countries.start[doc], table.countries.start[doc + 1]),
		};
	}

	// French dates and numbers by hand, as internal/french writes them: the browser's Intl
	// formats would cost tens of milliseconds to set up before the first results show.
	const MONTHS = 'janvier février mars avril mai juin juillet août septembre octobre novembre décembre'.split(' ');
	// longDate: "2026-12-01" → "1er décembre 2026".
	function longDate(day) {
		const [year, month, date] = day.split('-').map(Number);
		return (date === 1 ? '1er' : date) + ' ' + MONTHS[month - 1] + ' ' + year;
	}
	// groupDigits: 12345 → "12 345", thousands apart by a narrow no-break space (U+202F).
	const groupDigits = (n) => String(n).replace(/\B(?=(\d{3})+$)/g, '\u202f');

	// resultItem: the <li> of one result.
	function resultItem(record, highlight) {
		const type = meta.types[typeOf(record.doc)].name, link = element('a'), item = element('li');
		link.href = SITE_BASE + record.url + (record.anchor ? '#' + record.anchor : '');
		item.append(element('span', 'search-type', TYPE_LABELS[type] || type), ' ', marked(link, record.title, highlight));
		if (HUB_TYPES.has(type)) { // "Sénégal — 12 AMI ouverts, 3 cas"
			if (record.snippet) item.append(' — ' + record.snippet);
			return item;
		}
		if (record.heading) item.append(' ', element('span', 'search-section', record.heading));
		if (record.snippet) item.append(marked(element('p', 'search-snippet'), record.snippet, highlight));
		if (type === 'ami') {
			const deadline = record.deadline && 'date limite\u00a0: ' + longDate(record.deadline);
			const closed = record.deadline && record.deadline < new Date().toISOString().slice(0, 10) && 'clos';
			const countries = record.countries.map((i) => meta.countries[i].name).join(', ');
			item.append(element('p', 'search-meta', [record.issuer, countries, deadline, closed].filter(Boolean).join(' · ')));
		}
		return item;
	}

	// ---- the page: state in the URL (?q=…&type=ami&pays=sn&secteur=eau&ouvertes=1), events

	const PAGE_SIZE = 10;
	// the page's elements, found by attach once the page is parsed: the script runs from <head>
	let box, facetsBox, status, list, moreButton;
	let query, runs = 0, typingTimer;

	function readURL() {
		const params = new URLSearchParams(location.search);
		query = { q: params.get('q') || '', ouvertes: params.get('ouvertes') === '1', wanted: PAGE_SIZE };
		for (const key of FACETS) query[key] = params.getAll(key).map((v) => v.toLowerCase());
		if (box) box.value = query.q;
	}

	function writeURL(push) {
		const params = new URLSearchParams(query.q ? { q: query.q } : {});
		for (const key of FACETS) for (const v of query[key]) params.append(key, v);
		if (query.ouvertes) params.set('ouvertes', '1');
		const search = params.toString();
		history[push ? 'pushState' : 'replaceState'](null, '', search ? '?' + search : location.pathname);
	}

	// run searches for the current query and shows its results, then its facets. A run that a
	// newer one overtook shows nothing. eager: see lookUp.
	async function run(eager) {
		const mine = ++runs;
		list.setAttribute('aria-busy', 'true');
		try {
			await loadMeta();
			const result = await search(query, eager);
			const records = result ? await Promise.all(result.hits.slice(0, query.wanted).map((doc) => recordOf(doc, result))) : [];
			if (mine !== runs) return;
			list.replaceChildren(...records.map((record) => resultItem(record, result.highlight)));
			status.textContent = !result ? '' : result.total ? groupDigits(result.total) + ' résultat' + (result.total > 1 ? 's' : '') : 'Aucun résultat';
			moreButton.hidden = !result || result.total <= query.wanted;
			list.setAttribute('aria-busy', 'false');
			await new Promise((resolve) => setTimeout(resolve)); // the list first: counting may fetch and decode the facet table
			replaceStaleMeta().then((stale) => stale && mine === runs && run(false));
			const counts = result && await result.counts();
			if (mine === runs) counts ? showFacets(counts) : facetsBox.replaceChildren();
		} catch (error) {
			if (mine !== runs) return;
			if (await replaceStaleMeta()) return run(false);
			status.textContent = 'Recherche indisponible (' + error.message + ')';
			list.setAttribute('aria-busy', 'false');
		}
	}

	// compareNames orders names as the analyzer folds them ("États-Unis" among the E), which
	// Intl.Collator would do too but at a cost the first time it is used.
	const foldedName = (name) => Array.from(name, (c) => foldChar(c.charCodeAt(0)) || ' ').join('');
	const compareNames = (a, b) => {
		const x = foldedName(a), y = foldedName(b);
		return x < y ? -1 : x > y ? 1 : 0;
	};

	// showFacets draws the filters with their counts; a value with no result is shown only
	// while ticked. The focused box keeps the focus.
	function showFacets(counts) {
		const focused = document.activeElement, groups = [];
		const checkbox = (name, value, label, count, checked) => {
			const l = element('label');
			l.append(Object.assign(element('input'), { type: 'checkbox', name, value, checked }), ' ' + label + ' ', element('span', 'search-count', String(count)));
			return l;
		};
		const group = (legend, items) => {
			if (!items.length) return;
			const fieldset = element('fieldset', 'search-facet');
			fieldset.append(element('legend', '', legend), ...items);
			groups.push(fieldset);
		};
		const perFacet = [counts.types, counts.countries, counts.sectors];
		[meta.types.map((t) => ({ value: t.name, name: TYPE_LABELS[t.name] || t.name })), meta.countries, meta.sectors].forEach((values, k) => {
			const ticked = query[FACETS[k]];
			const shown = values.map((v, i) => ({ ...v, count: perFacet[k][i] })).filter((v) => v.count || ticked.includes(v.value));
			if (k > 0) shown.sort((a, b) => b.count - a.count || compareNames(a.name, b.name));
			group(['Type', 'Pays', 'Secteur'][k], shown.map((v) => checkbox(FACETS[k], v.value, v.name, v.count, ticked.includes(v.value))));
		});
		if (meta.open.lo < meta.open.hi) group('Échéance', [checkbox('ouvertes', '1', 'AMI ouverts seulement', counts.open, query.ouvertes)]);
		facetsBox.replaceChildren(...groups);
		for (const input of facetsBox.querySelectorAll('input')) {
			if (focused && input.name === focused.name && input.value === focused.value) input.focus();
		}
	}

	// searchNow runs what the box holds; push adds a history entry (filters do, typing does not).
	function searchNow(push) {
		clearTimeout(typingTimer);
		query.q = box.value;
		query.wanted = PAGE_SIZE;
		writeURL(push);
		run(false);
	}

	// attach finds the page's elements and listens to the reader.
	function attach() {
		box = document.getElementById('search-q');
		facetsBox = document.getElementById('search-facets');
		status = document.getElementById('search-status');
		list = document.getElementById('search-results');
		moreButton = element('button', 'search-more', 'Plus de résultats');
		moreButton.type = 'button';
		moreButton.hidden = true;
		list.after(moreButton);
		box.value = query.q;
		box.addEventListener('input', () => {
			clearTimeout(typingTimer);
			typingTimer = setTimeout(searchNow, 150);
		});
		box.form.addEventListener('submit', (event) => {
			event.preventDefault();
			searchNow(false);
		});
		facetsBox.addEventListener('change', ({ target: input }) => {
			const ticked = query[input.name];
			if (input.name === 'ouvertes') query.ouvertes = input.checked;
			else query[input.name] = input.checked ? [...ticked, input.value] : ticked.filter((v) => v !== input.value);
			searchNow(true);
		});
		moreButton.addEventListener('click', () => {
			query.wanted += PAGE_SIZE;
			run(false);
		});
		addEventListener('popstate', () => {
			readURL();
			run(false);
		});
		// "/" focuses the box; the arrows move between the box and the results.
		document.addEventListener('keydown', (event) => {
			const active = document.activeElement, links = [...list.querySelectorAll('li > a')], at = links.indexOf(active);
			if (event.key === '/' && !/^(INPUT|TEXTAREA|SELECT)$/.test(active.tagName) && !active.isContentEditable) {
				event.preventDefault();
				box.focus();
				box.select();
			} else if ((event.key === 'ArrowDown' || event.key === 'ArrowUp') && links.length && (active === box || at >= 0)) {
				const next = at + (event.key === 'ArrowUp' ? -1 : 1);
				event.preventDefault();
				(next < 0 ? box : links[Math.min(next, links.length - 1)]).focus();
			}
		});
	}

	readURL();
	// The files of the query in the URL are asked for at once, while the page is still being
	// parsed. The results are drawn as soon as the files are in and the page has parsed the
	// elements the script uses (they come before the footer), or once the whole page is
	// parsed, whichever comes first: the end of the page may wait for the first rendering.
	// When the files come back before the parser reaches those elements (a slow connection,
	// or a parser that yields on a busy machine), the script watches the page grow for them.
	const asked = meta ? parse(query.q, meta.synonyms).map((term) => lookUp(term, true)) : [];
	const PAGE_ELEMENTS = ['search-q', 'search-facets', 'search-status', 'search-results'];
	const parsed = () => PAGE_ELEMENTS.every((id) => document.getElementById(id));
	let started = false, watcher = null;
	const start = () => {
		if (started) return;
		started = true;
		document.removeEventListener('readystatechange', start);
		if (watcher) watcher.disconnect();
		attach();
		run(true);
	};
	// a failed file is reported by run, which asks for it again
	const allAsked = Promise.all(asked).catch(() => false);
	if (document.readyState === 'loading') {
		document.addEventListener('readystatechange', start);
		allAsked.then((files) => {
			if (!files || started) return;
			if (parsed()) return start();
			watcher = new MutationObserver(() => parsed() && start());
			watcher.observe(document, { childList: true, subtree: true });
		});
	} else start();
})();

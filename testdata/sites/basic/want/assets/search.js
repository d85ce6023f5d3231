/* coexport search, loaded by /recherche/ only. CSS classes: .search-facet (fieldset),
.search-count, .search-type, .search-section (matched heading), .search-snippet, .search-meta
(AMI issuer, countries, deadline), .search-more (button); query words are in <mark>.
Index (data-index; in full in internal/search/doc.go): meta.json {n,k,g,x,h, t [[type,lo,hi]],
o [lo,hi,d0,[n…]] open AMIs (n close after day d0+i), c/s [[code,name]], y synonyms, b shard
bounds}; t/N.bin: JSON line [[stem,"words",df,bytes]] + postings, or bytes 0: p/STEM.bin, JSON
line {c,s counts, r [[doc,title,url,heading,anchor,snippet,issuer,deadline,[countries]]]} +
postings. Postings (bits): section width (4), gamma(#segments), per segment (impact down)
impact (6 bits, then gamma(drop)), gamma(count), Rice k (4), Rice doc gaps + section each.
f.bin per doc, countries then sectors: count (unary), first (1 = previous doc's), deltas.
d/N.json: g docs [title,url,summary,issuer,deadline,[block of each section]]; x/N.json:
[[doc,section,heading,anchor,text]]. */
(() => {
	'use strict';
	const D = document, S = D.currentScript.dataset, $ = (i) => D.getElementById(i);
	const box = $('search-q'), fEl = $('search-facets'), stEl = $('search-status'), list = $('search-results');
	const el = (t, c, x) => Object.assign(D.createElement(t), c ? { className: c } : {}, x != null ? { textContent: x } : {});

	// ---- analyzer: the twin of analyzer.go and stem.go (analyzer_test.mjs checks them)
	const FOLD = 'aaaaaaAceeeeiiiidnooooo ouuuuyTSaaaaaaAceeeeiiiidnooooo ouuuuyTy' +
		'aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiiiIIjjkkkllllllllllnnnnnnnnnooooooOOrrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs';
	const TWO = { A: 'ae', O: 'oe', S: 'ss', T: 'th', I: 'ij' }, set = (s) => new Set(s.split(' '));
	const STOP = set('a au aux avec c ce ces cet cette d dans de des du elle elles en est et il ils j je l la le les leur leurs lui m ma mes n ne nos notre nous on ont ou par pas pour qu que qui s sa se ses son sont sur t ta te tes ton tu un une vos votre vous y');
	const ELI = set('c d j jusqu l lorsqu m n puisqu qu quoiqu s t');
	const ENDS = 'atrice ateur ation ement iere:ier ier:ier euse eur ique:ic ee er ir e'.split(' ').map((e) => e.split(':'));
	const cut3 = (w, s) => w.endsWith(s) && w.length - s.length > 2;
	function stem(w) {
		if (w.length < 4 || /\d/.test(w) || w === 'pays') return w;
		for (const s of ['aises', 'aise', 'ais']) if (cut3(w, s)) return w.slice(0, -s.length);
		const n = w.length;
		if (n > 4 && w.endsWith('eaux')) w = w.slice(0, -1);
		else if (n > 4 && w.endsWith('aux')) w = w.slice(0, -2) + 'l';
		else if (w[n - 1] === 's' && w[n - 2] !== 's' || w[n - 1] === 'x') w = w.slice(0, -1);
		for (const [s, r = ''] of ENDS) if (cut3(w, s)) return w.slice(0, -s.length) + r;
		return w;
	}
	// words: {w folded word, s stem, a, b its range in t}, stop words and elisions left out
	function words(t) {
		const out = [];
		let w = '', a = -1;
		const flush = (b, apo) => {
			if (w && w.length <= 40 && !(apo && ELI.has(w)) && !STOP.has(w)) out.push({ w, s: stem(w), a, b });
			w = ''; a = -1;
		};
		for (let i = 0; i < t.length; i++) {
			const c = t.charCodeAt(i), f = c > 191 && c < 384 ? FOLD[c - 192].trim() : c > 47 && c < 58 || c > 96 && c < 123 ? t[i] : c > 64 && c < 91 ? String.fromCharCode(c + 32) : '';
			if (f) { if (a < 0) a = i; w += TWO[f] || f; }
			// combining accents, soft hyphen and zero-width characters join; apostrophes may end an elision
			else if (!(c > 767 && c < 880 || c === 173 || c > 8202 && c < 8206 || c === 8288 || c === 65279)) flush(i, c === 39 || c === 8216 || c === 8217 || c === 700);
		}
		flush(t.length);
		return out;
	}
	// parse: query terms {s: stem (or a synonym's canonical one), p: prefix of the word being typed}
	function parse(q, syn) {
		const ws = words(q), typing = ws.length && ws[ws.length - 1].b === q.length, terms = [];
		for (let i = 0; i < ws.length; i++) {
			let t = { s: ws[i].s, p: '' }, hit = 0;
			for (const [canon, ms] of syn) {
				const m = ms.find((m) => m.every((x, j) => ws[i + j] && ws[i + j].s === x));
				if (m) { i += m.length - 1; t.s = canon; hit = 1; break; }
			}
			if (i === ws.length - 1 && typing && !hit) {
				if (ws[i].w.length > 2) t.p = ws[i].w;
				else if (ws.length > 1) continue;
			}
			terms.push(t);
		}
		return terms;
	}

	// ---- fetching and decoding
	let M;
	const cache = new Map(), json = (b) => JSON.parse(new TextDecoder().decode(b));
	const get = (p, fn) => cache.get(p) || cache.set(p, fetch(S.index + p + (M ? '?v=' + M.h : ''), { cache: M ? 'default' : 'no-cache' })
		.then((r) => { if (!r.ok) throw Error(p + ' ' + r.status); return r.arrayBuffer(); }).then(fn)
		.catch((e) => { cache.delete(p); throw e; })).get(p);
	const split = (b) => { const u = new Uint8Array(b), i = u.indexOf(10); return [json(u.subarray(0, i)), u.subarray(i + 1)]; };
	// bits: a reader of u, most significant bit first: f(n) bits, un() unary, g() Elias gamma
	function bits(u) {
		let p = 0;
		const f = (n) => {
			let v = 0;
			for (let t, o; n > 0; n -= t, p += t) { o = p & 7; t = n < 8 - o ? n : 8 - o; v = v * (1 << t) + ((u[p >> 3] >> (8 - o - t)) & ((1 << t) - 1)); }
			return v;
		};
		const un = () => { let z = 0; while (!((u[p >> 3] << (p & 7)) & 128)) { z++; p++; } p++; return z; };
		return { f, un, g: () => { const z = un(); return (1 << z) + f(z); } };
	}
	// post calls fn(doc, impact, section) for each posting, in ranking order
	function post(u, fn) {
		const r = bits(u), w = r.f(4);
		for (let s = 0, n = r.g(), imp; s < n; s++) {
			imp = s ? imp - r.g() : r.f(6);
			for (let i = 0, c = r.g(), k = r.f(4), d = -1; i < c; i++) fn(d += r.un() * (1 << k) + r.f(k) + 1, imp, r.f(w) - 1);
		}
	}
	const shard = (i) => get('t/' + i + '.bin', (b) => {
		const [h, u] = split(b);
		let a = 0;
		return h.map(([s, w, df, n]) => ({ s, w: w ? w.split(' ') : [], df, u: n && u.subarray(a, a += n) }));
	});
	const term = (s) => get('p/' + s + '.bin', split);
	// facetTable: [V, A]; doc d's countries are V[0][A[0][d]…A[0][d+1]-1], its sectors V[1]… likewise
	function facetTable(b) {
		const r = bits(new Uint8Array(b)), first = [-1, -1], V = [[], []], A = [[0], [0]], N = [M.c.length, M.s.length];
		for (let d = 0; d < M.n; d++) {
			for (let k = 0; k < 2; k++) {
				for (let i = r.un(), p = -1, x, w; i-- > 0; V[k].push(p)) {
					x = N[k] - p - 2; w = x > 0 ? 32 - Math.clz32(x) : 0;
					p = p >= 0 ? p + 1 + r.f(w) : r.f(1) ? first[k] : (first[k] = r.f(w)); // a set's first may repeat the previous set's
				}
				A[k].push(V[k].length);
			}
		}
		return [V, A];
	}
	let decoded;
	const table = () => decoded || (decoded = get('f.bin', (b) => b).then(facetTable).catch((e) => { decoded = null; throw e; }));
	const sidx = (k) => { let i = 0; while (M.b[i + 1] <= k) i++; return i; };
	// look: a term's stems, [entry, exact], and for a prefix up to 8 more, the most frequent
	async function look(t) {
		const k = t.p.slice(0, 3), ids = [sidx(t.s)];
		for (let i = sidx(k); t.p && i <= sidx(k + '{'); i++) ids.push(i);
		const [mine, ...near] = await Promise.all(ids.map(shard)), e = mine.find((e) => e.s === t.s);
		const c = near.flat().filter((x) => x !== e && [x.s, ...x.w].some((w) => w.startsWith(t.p)));
		return (e ? [[e, 1]] : []).concat([...new Set(c)].sort((a, b) => b.df - a.df).slice(0, 8).map((x) => [x, 0]));
	}
	// opened: the range of AMI ids still open on the browser's date
	function opened() {
		let [lo, hi, d0, perDay] = M.o, t = new Date(), day = (Date.UTC(t.getFullYear(), t.getMonth(), t.getDate()) - Date.parse(d0)) / 864e5;
		perDay.forEach((n, i) => { if (i < day) lo += n; });
		return [lo, hi];
	}
	const typeOf = (d) => M.t.findIndex((t) => d < t[2]);

	// ---- searching: a term scores its best stem's class*1000 + idf*BM25 level; terms add up
	async function search(st) {
		const terms = parse(st.q, M.y), zero = (l) => l.map(() => 0);
		if (!terms.length) return;
		const R = await Promise.all(terms.map(look)), hl = new Set(), e0 = (R[0][0] || [])[0], rec = new Map();
		const c = { n: zero(M.t), c: zero(M.c), s: zero(M.s), o: 0 }, res = { n: 0, hits: [], rec, hl, c }, keep = (r) => rec.set(r[0], r);
		R.flat().forEach(([e]) => { hl.add(e.s); M.y.forEach(([k, ms]) => k === e.s && ms.forEach((m) => m[1] || hl.add(m[0]))); });
		if (R.some((ts) => !ts.length)) return res;
		const sel = [M.t, M.c, M.s].map((l, k) => l.map((x) => st[KEYS[k]].includes(x[0]))), on = sel.map((a) => a.includes(true));
		if (st.k <= M.k && !on.includes(true) && !st.ouvertes && R.length === 1 && R[0].length === 1 && !e0.u) {
			// one frequent stem, no filter: its file has the best records and the country and sector counts
			const [h, u] = await term(e0.s), [lo, hi] = opened();
			post(u, (d) => { c.n[typeOf(d)]++; c.o += d >= lo && d < hi; });
			h.r.forEach(keep);
			return Object.assign(res, { n: e0.df, hits: h.r.map((r) => r[0]), c: { ...c, c: h.c, s: h.s } });
		}
		const n = M.n, score = new Float64Array(n), hits = new Uint8Array(n), best = new Float64Array(n), sec = res.sec = new Int16Array(n).fill(-1);
		get('f.bin', (b) => b); // fetched now, decoded when counting
		const data = await Promise.all(R.flat().map(([e]) => e.u || term(e.s)));
		let j = 0;
		for (const ts of R) {
			const touched = [];
			for (const [e, x] of ts) {
				let u = data[j++];
				if (!e.u) { u[0].r.forEach(keep); u = u[1]; }
				const w = Math.log(1 + (n - e.df + 0.5) / (e.df + 0.5)) * (x ? 1 : 0.7);
				post(u, (d, imp, s) => {
					const v = (imp >> 4) * 1000 + w * (imp & 15);
					if (!best[d]) touched.push(d);
					if (v > best[d]) best[d] = v;
					if (sec[d] < 0) sec[d] = s;
				});
			}
			for (const d of touched) { hits[d]++; score[d] += best[d]; best[d] = 0; }
		}
		// counts (and country or sector filters) need the facet table; without such filters the results can show first
		const [lo, hi] = opened(), hs = [], count = async () => {
			const [V, A] = await table(), cs = [c.c, c.s];
			// any: does doc d have a ticked value of facet k (0 countries, 1 sectors); add: count its values
			const any = (k, d) => { for (let i = A[k][d]; i < A[k][d + 1]; i++) if (sel[k + 1][V[k][i]]) return true; return false; };
			const add = (k, d) => { for (let i = A[k][d]; i < A[k][d + 1]; i++) cs[k][V[k][i]]++; };
			for (let d = 0; d < n; d++) {
				if (hits[d] !== R.length) continue;
				const t = typeOf(d), op = d >= lo && d < hi;
				// the filters d fails, a bit per facet: a facet's counts take the docs that pass all the others
				const fail = (on[0] && !sel[0][t]) | (on[1] && !any(0, d)) << 1 | (on[2] && !any(1, d)) << 2 | (st.ouvertes && !op) << 3;
				if (!(fail & 14)) c.n[t]++;
				if (!(fail & 13)) add(0, d);
				if (!(fail & 11)) add(1, d);
				if (!(fail & 7) && op) c.o++;
				if (!fail && (on[1] || on[2])) hs.push(d);
			}
			return c;
		};
		if (on[1] || on[2]) await count();
		else for (let d = 0; d < n; d++) if (hits[d] === R.length && (!on[0] || sel[0][typeOf(d)]) && (!st.ouvertes || d >= lo && d < hi)) hs.push(d);
		// the best st.k first, ties in doc order; the rest are only counted
		const top = [], better = (a, b) => score[a] > score[b] || score[a] === score[b] && a < b;
		for (const d of hs) {
			if (top.length === st.k && !better(d, top[st.k - 1])) continue;
			let i = Math.min(top.length, st.k - 1);
			while (i > 0 && better(d, top[i - 1])) { top[i] = top[i - 1]; i--; }
			top[i] = d;
		}
		return Object.assign(res, { n: hs.length, hits: top, c: on[1] || on[2] ? c : count() });
	}

	// ---- rendering, with textContent only: the index's text is untrusted
	const LABEL = { chapitre: 'Chapitre', cas: 'Cas', ami: 'AMI', page: 'Page' };
	function marked(e, t, hl) {
		let a = 0;
		for (const w of words(t)) if (hl.has(w.s)) { e.append(t.slice(a, w.a), el('mark', '', t.slice(w.a, w.b))); a = w.b; }
		e.append(t.slice(a));
		return e;
	}
	// cut: about 160 characters of t, from a little before the first query word
	function cut(t, hl) {
		const o = (words(t).find((w) => hl.has(w.s)) || { a: 0 }).a;
		let a = Math.max(0, o - 53), b;
		if (a) { const i = t.slice(a, o).search(/\s/); a = i < 0 ? o : a + i + 1; }
		b = Math.min(t.length, a + 160);
		if (b < t.length && t.lastIndexOf(' ', b) > a) b = t.lastIndexOf(' ', b);
		return (a ? '… ' : '') + t.slice(a, b) + (b < t.length ? ' …' : '');
	}
	// item: a result from a term's record, else from its doc chunk and (with a text store) its section
	async function item(d, res) {
		let r = res.rec.get(d), cs = r && r[8];
		if (!r) {
			const row = (await get('d/' + Math.floor(d / M.g) + '.json', json))[d % M.g], s = res.sec[d];
			const e = M.x && s >= 0 && (await get('x/' + row[5][s] + '.json', json)).find((e) => e[0] === d && e[1] === s);
			r = [d, row[0], row[1], e ? e[2] : '', e ? e[3] : '', e ? cut(e[4], res.hl) : row[2], row[3], row[4]];
			const [V, A] = await table();
			cs = V[0].slice(A[0][d], A[0][d + 1]);
		}
		const t = M.t[typeOf(d)][0], a = el('a'), li = el('li');
		a.href = S.base + r[2] + (r[4] ? '#' + r[4] : '');
		li.append(el('span', 'search-type', LABEL[t] || t), ' ', marked(a, r[1], res.hl));
		if (r[3]) li.append(' ', el('span', 'search-section', r[3]));
		if (r[5]) li.append(marked(el('p', 'search-snippet'), r[5], res.hl));
		if (t === 'ami') {
			const when = r[7] && 'date limite\u00a0: ' + new Date(r[7]).toLocaleDateString('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
			const closed = r[7] && r[7] < new Date().toISOString().slice(0, 10) && 'clos';
			li.append(el('p', 'search-meta', [r[6], cs.map((i) => M.c[i][1]).join(', '), when, closed].filter(Boolean).join(' · ')));
		}
		return li;
	}
	function facets(c) {
		const f = D.activeElement, out = [];
		const box1 = (name, value, label, n, checked) => {
			const l = el('label');
			l.append(Object.assign(el('input'), { type: 'checkbox', name, value, checked }), ' ' + label + ' ', el('span', 'search-count', '' + n));
			return l;
		};
		const group = (legend, items) => {
			if (!items.length) return;
			const fs = el('fieldset', 'search-facet');
			fs.append(el('legend', '', legend), ...items);
			out.push(fs);
		};
		[M.t, M.c, M.s].forEach((vals, k) => {
			const on = state[KEYS[k]], v = vals.map(([x, l], i) => [x, k ? l : LABEL[x] || x, c['ncs'[k]][i]]).filter((x) => x[2] || on.includes(x[0]));
			if (k) v.sort((a, b) => b[2] - a[2] || a[1].localeCompare(b[1], 'fr'));
			group(['Type', 'Pays', 'Secteur'][k], v.map(([x, l, n]) => box1(KEYS[k], x, l, n, on.includes(x))));
		});
		if (M.o[0] < M.o[1]) group('Échéance', [box1('ouvertes', '1', 'AMI ouverts seulement', c.o, state.ouvertes)]);
		fEl.replaceChildren(...out);
		for (const i of fEl.querySelectorAll('input')) if (f && i.name === f.name && i.value === f.value) i.focus();
	}

	// ---- state: the URL holds q and the ticked values (?q=…&type=ami&pays=sn&secteur=eau&ouvertes=1)
	const KEYS = ['type', 'pays', 'secteur'], more = el('button', 'search-more', 'Plus de résultats');
	let seq = 0, shown, state, timer;
	more.type = 'button';
	more.hidden = true;
	list.after(more);
	function load() {
		const u = new URLSearchParams(location.search);
		state = { q: u.get('q') || '', ouvertes: u.get('ouvertes') === '1' };
		KEYS.forEach((k) => { state[k] = u.getAll(k).map((v) => v.toLowerCase()); });
		box.value = state.q;
		shown = 10;
	}
	function save(push) {
		let u = new URLSearchParams(state.q ? { q: state.q } : {});
		KEYS.forEach((k) => state[k].forEach((v) => u.append(k, v)));
		if (state.ouvertes) u.set('ouvertes', 1);
		u = '' + u;
		history[push ? 'pushState' : 'replaceState'](null, '', u ? '?' + u : location.pathname);
	}
	async function run() {
		const my = ++seq;
		list.setAttribute('aria-busy', 'true');
		try {
			M = M || await get('meta.json', json).then((m) => { m.c.forEach((x) => { x[0] = x[0].toLowerCase(); }); return m; });
			const res = await search({ ...state, k: shown }), items = res ? await Promise.all(res.hits.slice(0, shown).map((d) => item(d, res))) : [];
			if (my !== seq) return;
			list.replaceChildren(...items);
			stEl.textContent = !res ? '' : res.n ? res.n.toLocaleString('fr-FR') + ' résultat' + (res.n > 1 ? 's' : '') : 'Aucun résultat';
			more.hidden = !res || res.n <= shown;
			list.setAttribute('aria-busy', 'false');
			const c = res && await res.c;
			if (my === seq) c ? facets(c) : fEl.replaceChildren();
		} catch (e) {
			if (my !== seq) return;
			stEl.textContent = 'Recherche indisponible (' + e.message + ')';
			list.setAttribute('aria-busy', 'false');
		}
	}
	const go = (push) => { clearTimeout(timer); state.q = box.value; shown = 10; save(push); run(); };
	box.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(go, 150); });
	box.form.addEventListener('submit', (e) => { e.preventDefault(); go(); });
	fEl.addEventListener('change', ({ target: i }) => {
		const l = state[i.name];
		state[i.name] = i.name === 'ouvertes' ? i.checked : i.checked ? [...l, i.value] : l.filter((v) => v !== i.value);
		go(1);
	});
	more.addEventListener('click', () => { shown += 10; run(); });
	addEventListener('popstate', () => { load(); run(); });
	D.addEventListener('keydown', (e) => {
		const a = D.activeElement, L = [...list.querySelectorAll('li > a')], i = L.indexOf(a), k = e.key;
		if (k === '/' && !/^(INPUT|TEXTAREA|SELECT)$/.test(a.tagName) && !a.isContentEditable) { e.preventDefault(); box.focus(); box.select(); }
		else if (/^Arrow(Down|Up)$/.test(k) && L.length && (a === box || i >= 0)) {
			const j = i + (k === 'ArrowUp' ? -1 : 1);
			e.preventDefault();
			(j < 0 ? box : L[Math.min(j, L.length - 1)]).focus();
		}
	});
	load();
	run();
})();

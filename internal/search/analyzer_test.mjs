// Parity of search.js's analyzer, postings decoder and record buckets with the Go side:
// node --test internal/search/
// The vectors are written by `go test ./internal/search/ -update` (vectors_test.go).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';

const js = fs.readFileSync(new URL('../../layouts/assets/search.js', import.meta.url), 'utf8');
const vectors = JSON.parse(fs.readFileSync(new URL('./testdata/analyzer_vectors.json', import.meta.url), 'utf8'));

// search.js is a browser script: take its analyzer section, which needs no DOM, and run it.
const from = js.indexOf('// ---- analyzer'), to = js.indexOf('// ---- fetching');
assert.ok(from > 0 && to > from, 'search.js: analyzer section markers not found');
const { words, parse } = new Function(js.slice(from, to) + '\nreturn { words, parse };')();

for (const v of vectors.analyze) {
  test(`analyze ${v.name}`, () => {
    const ws = words(v.in);
    assert.deepEqual(ws.map((w) => w.word), v.words, 'folded words');
    assert.deepEqual(ws.map((w) => v.in.slice(w.start, w.end)), v.spans, 'spans in the input');
    assert.deepEqual(ws.map((w) => w.stem), v.tokens, 'stems');
  });
}

for (const q of vectors.synonyms.queries) {
  test(`parse ${JSON.stringify(q.in)}`, () => {
    assert.deepEqual(parse(q.in, vectors.synonyms.compiled).map((t) => ({ s: t.stem, p: t.prefix })), q.terms);
  });
}

// the index files section needs meta (here only for the number of buckets) and no fetching
const files = js.slice(js.indexOf('// ---- index files'), js.indexOf('// ---- looking up'));
assert.ok(files.length > 0, 'search.js: index files section markers not found');
const decoder = new Function('meta', 'const metaElement = null; const load = () => { throw new Error("no fetching here"); };\n' + files +
  '\nreturn { decodePostings, bucketOf };');

for (const v of vectors.postings) {
  test(`postings ${v.name}`, () => {
    const got = [];
    decoder(null).decodePostings(Buffer.from(v.bytes, 'base64'), (doc, impact, section) => got.push(`${doc},${impact},${section}`));
    assert.deepEqual(got, v.docs.split(' '));
  });
}

test('record buckets', () => {
  const { bucketOf } = decoder({ buckets: vectors.buckets.n });
  for (const [stem, bucket] of Object.entries(vectors.buckets.buckets)) assert.equal(bucketOf(stem), bucket, stem);
});

package pipeline

import (
	"bytes"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"coexport/internal/content"
	"coexport/internal/diag"
	"coexport/internal/render"
	"coexport/internal/site"
	"coexport/internal/source"
)

// TestFingerprintsCoverReads changes, one at a time, every field of every page of the
// fixture site (in the parsed model, the file staying as it is) and renders the site again:
// an output whose bytes change must have a fingerprint that changes too. Outputs that depend
// on the changed page's own file are left out: the file's edit is what such a change comes
// from, and it changes their fingerprint. It is
// how a layout that starts showing a field on a list, or a new field of content.Page, is
// kept from going stale in the dev server.
func TestFingerprintsCoverReads(t *testing.T) {
	b := New(Config{Src: os.DirFS("../../testdata/sites/basic"), BuildDate: time.Date(2026, 11, 15, 10, 0, 0, 0, time.UTC)})
	files, err := source.Load(b.cfg.Src, &b.files)
	if err != nil {
		t.Fatal(err)
	}
	var res Result
	in, vocabKey := b.parse(files, &res)
	if len(res.Diags) > 0 {
		t.Fatal(res.Diags.Error())
	}
	base := renderAll(b, in, files, vocabKey, "")
	if base == nil {
		t.Fatal("the fixture site does not assemble")
	}
	checked := 0
	kinds := map[source.Kind]bool{}
	for i, p := range in.Pages {
		if kinds[p.Kind] {
			continue // pages of one kind are listed in the same places: one of each will do
		}
		kinds[p.Kind] = true
		for _, path := range leaves(reflect.TypeFor[content.Page](), reflect.ValueOf(p).Elem(), nil) {
			q := *p
			change(reflect.ValueOf(&q).Elem(), path)
			next := in
			next.Pages = slices.Clone(in.Pages)
			next.Pages[i] = &q
			got := renderAll(b, next, files, vocabKey, p.Source)
			if got == nil {
				continue // the change makes the site invalid: no output to compare
			}
			name := strings.Join(path, ".")
			for out, o := range got {
				was, ok := base[out]
				if !ok || bytes.Equal(o.data, was.data) {
					continue
				}
				checked++
				if o.fingerprint == was.fingerprint {
					t.Errorf("changing %s of %s changes %s, but not its fingerprint", name, p.Source, out)
				}
			}
		}
	}
	if checked == 0 {
		t.Fatal("no change of a page changed an output: the test checks nothing")
	}
}

type rendered struct {
	data        []byte
	fingerprint string
}

// renderAll assembles in and renders every output with the fingerprint Builder.render gives
// it, but those that depend on the file src, or returns nil when the site has errors.
func renderAll(b *Builder, in site.Input, files []source.File, vocabKey, src string) map[string]rendered {
	var d diag.List
	s := site.Assemble(in, &d)
	r := render.New(layoutFS(files), s, render.Options{}, &d)
	if len(d) > 0 {
		return nil
	}
	values := b.depValues(s, files, vocabKey)
	global := hashStrings(values["site"], values["pages"])
	out := map[string]rendered{}
	for _, j := range r.Jobs() {
		if slices.Contains(j.Deps, "page:"+src) {
			continue
		}
		data, err := r.Run(j)
		if err != nil {
			return nil
		}
		parts := []string{global, r.LayoutHash[j.Layout]}
		for _, dep := range j.Deps {
			parts = append(parts, dep, values[dep])
		}
		out[j.Path] = rendered{data, hashStrings(parts...)}
	}
	return out
}

// leaves lists the paths to every value a layout can reach in v: exported struct fields,
// the first element of slices of structs, and the slices themselves (which change by
// growing).
func leaves(t reflect.Type, v reflect.Value, path []string) [][]string {
	if t == reflect.TypeFor[time.Time]() {
		return [][]string{path}
	}
	switch t.Kind() {
	case reflect.Struct:
		var out [][]string
		for i := range t.NumField() {
			if f := t.Field(i); f.IsExported() {
				out = append(out, leaves(f.Type, v.Field(i), append(slices.Clip(path), f.Name))...)
			}
		}
		return out
	case reflect.Slice:
		out := [][]string{path}
		if t.Elem().Kind() == reflect.Struct && v.Len() > 0 {
			out = append(out, leaves(t.Elem(), v.Index(0), append(slices.Clip(path), "0"))...)
		}
		return out
	}
	return [][]string{path}
}

// change alters the value at path in v, copying every slice on the way so that the value
// v was copied from is left as it is.
func change(v reflect.Value, path []string) {
	if len(path) > 0 {
		if path[0] == "0" {
			c := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
			reflect.Copy(c, v)
			v.Set(c)
			change(v.Index(0), path[1:])
		} else {
			change(v.FieldByName(path[0]), path[1:])
		}
		return
	}
	if tm, ok := v.Interface().(time.Time); ok {
		v.Set(reflect.ValueOf(tm.AddDate(0, 0, 1)))
		return
	}
	switch v.Kind() {
	case reflect.String:
		v.SetString(v.String() + "x")
	case reflect.Int, reflect.Int64, reflect.Int32:
		v.SetInt(v.Int() + 1)
	case reflect.Bool:
		v.SetBool(!v.Bool())
	case reflect.Slice:
		elem := reflect.New(v.Type().Elem()).Elem()
		if elem.Kind() == reflect.String {
			elem.SetString("energie")
		}
		v.Set(reflect.Append(reflect.AppendSlice(reflect.MakeSlice(v.Type(), 0, v.Len()+1), v), elem))
	default:
		panic("change: no way to change a " + v.Type().String())
	}
}

// TestDepKeysDefined: every dependency key a render job names has a value, so that a
// misspelt or new key cannot hash as "" and leave its outputs stale. Asset keys carry their
// version in the key itself.
func TestDepKeysDefined(t *testing.T) {
	b := New(Config{Src: os.DirFS("../../testdata/sites/basic"), BuildDate: time.Date(2026, 11, 15, 10, 0, 0, 0, time.UTC)})
	files, err := source.Load(b.cfg.Src, &b.files)
	if err != nil {
		t.Fatal(err)
	}
	var res Result
	in, vocabKey := b.parse(files, &res)
	s := site.Assemble(in, &res.Diags)
	r := render.New(layoutFS(files), s, render.Options{}, &res.Diags)
	if len(res.Diags) > 0 {
		t.Fatal(res.Diags.Error())
	}
	values := b.depValues(s, files, vocabKey)
	for _, j := range r.Jobs() {
		for _, dep := range j.Deps {
			if _, ok := values[dep]; !ok && !strings.HasPrefix(dep, "asset:") {
				t.Errorf("%s depends on %q, which depValues does not define", j.Path, dep)
			}
		}
	}
}

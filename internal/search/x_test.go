package search
import ("testing";"fmt";"os";"time";"sort";"strings")
func TestSizes(t *testing.T){
 dir:=os.Getenv("COEXPORT_CORPUS"); if dir==""{t.Skip()}
 docs,cfg:=loadBenchCorpus(t,dir)
 t0:=time.Now()
 files,err:=Build(docs,cfg)
 if err!=nil{t.Fatal(err)}
 fmt.Println("build",time.Since(t0),"files",len(files))
 by:=map[string][]int{}
 for _,f:=range files{ k:=strings.Split(strings.TrimPrefix(f.Path,"recherche/index/"),"/")[0]; by[k]=append(by[k],len(f.Data)) }
 for k,v:=range by{ sort.Ints(v); s:=0; for _,x:=range v{s+=x}; fmt.Printf("%-10s n=%5d total=%8d median=%6d max=%6d\n",k,len(v),s,v[len(v)/2],v[len(v)-1])}
 for _,q:=range []string{"financement","marches publics","énergie","senegal","parrainage PME","exportation","l'energie","marche public","senegalais","financ","financem","sdafadsf"}{
  r:=newReader(t,files,"2026-11-25")
  res:=r.search(q,filters{})
  var fl []string; for f:=range r.fetched{fl=append(fl,fmt.Sprintf("%s:%d",f,len(r.files[f])))}; sort.Strings(fl)
  nrec:=0; for _,x:=range res.results{ if strings.Contains(x.snippet,"…")||x.heading!=""{nrec++}}
  fmt.Printf("%-16q total=%5d bytes=%6d %v\n", q, res.total, r.bytes, fl)
  for i,x:=range res.results{ if i<3 {fmt.Printf("    %s | %s | %.60s\n", x.title, x.heading, x.snippet)}}
 }
 if out:=os.Getenv("OUT"); out!=""{ for _,f:=range files{p:=out+"/"+f.Path; os.MkdirAll(p[:strings.LastIndex(p,"/")],0o755); os.WriteFile(p,f.Data,0o644)}}
}

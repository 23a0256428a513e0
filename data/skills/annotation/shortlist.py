import json, csv, collections, random, re, shlex, unicodedata, sys
D='/work/shared/data/rome/'
o=json.load(open('/work/shared/data/offers/france_travail_offers.json'))
def fold(s):
    s=unicodedata.normalize('NFD',s.lower()); return ''.join(c for c in s if not unicodedata.combining(c)).replace('œ','oe')
STOP=set("a au aux avec ce ces cet cette d dans de des du elle en est et etre il ils j je l la le les leur leurs lui m ma mes mon n ne nos notre nous on ou par pas plus pour qu que qui s sa se ses si son sont sur t un une vos votre vous y x afin etc tres bien comme faire avoir preuve capacite capable".split())
def pref(w):
    w=w.rstrip('sx') if len(w)>4 else w
    return w[:5] if len(w)>=6 else w
def toks(s): return [pref(w) for w in re.findall(r"[a-z0-9]+", fold(s)) if w not in STOP and len(w)>1]
lab={}; kind={}
for r in csv.DictReader(open(D+'unix_referentiel_competence_v460_utf8.csv')):
    lab[r['code_ogr']]=r['libelle_competence']; kind[r['code_ogr']]='macro' if r['nature']=='Macro-compétence' else r['cat_comp']
sav=set()
for r in csv.DictReader(open(D+'unix_referentiel_savoir_v460_utf8.csv')):
    lab[r['code_ogr_savoir']]=r['libelle_savoir']; kind[r['code_ogr_savoir']]='savoir'; sav.add(r['code_ogr_savoir'])
items=collections.defaultdict(set)
for r in csv.DictReader(open(D+'unix_liens_rome_referentiels_v460_utf8.csv')):
    if r['code_compo_bloc']=='5' and r['code_ogr'] in lab: items[r['code_rome']].add(r['code_ogr'])
mob=collections.defaultdict(list)
for r in csv.DictReader(open(D+'unix_rubrique_mobilite_v460_utf8.csv')):
    mob[r['code_rome']].append(r['code_rome_cible'])
df=collections.Counter()
ltok={c:sorted(set(toks(l))) for c,l in lab.items()}
for c,t in ltok.items():
    for x in t: df[x]+=1
sav_by_tok=collections.defaultdict(list)
for c in sav:
    for x in ltok[c]: sav_by_tok[x].append(c)
def sentences(t):
    out=[]; 
    for m in re.finditer(r"[^\n.;•!?]+", t):
        s=m.group().strip()
        if len(s)>2: out.append(s)
    return out
def entry(id, f, text):
    """Candidates (items of fiche f and of its mobility fiches, savoirs named in a sentence)
    and lexical shortlist of one text, as the readers get it in sample.json."""
    cands=set(items[f])
    for m in mob[f]: cands|=items[m]
    sents=[(s,set(toks(s))) for s in sentences(text)]
    # savoirs named in text: all label tokens present in one sentence
    for s,st in sents:
        for t in st:
            for c in sav_by_tok.get(t,[]):
                if ltok[c] and set(ltok[c])<=st: cands.add(c)
    short=[]
    for c in sorted(cands):
        lt=ltok[c]
        if not lt: continue
        best=(0,None)
        for s,st in sents:
            hit=[t for t in lt if t in st]
            cov=len(hit)/len(lt)
            name=any(df[t]<=8 for t in hit)
            if cov>best[0] and ((cov>=0.74 and len(hit)>=2) or cov>=0.99 or (name and cov>=0.3)): best=(cov,s)
        if best[1]: short.append((c,best[0],best[1]))
    short.sort(key=lambda z:(-z[1],z[0]))
    return {'id':id,'romeCode':f,'cands':sorted(cands),'short':short,'text':text}
def dec_skills(i, rest, r):
    """The (code, quote) pairs of one reader's line `I: rest` about sample entry r (rows of its
    shortlist, `row="quote"`, `+CODE="quote"`; see BRIEF.md), each quote checked verbatim."""
    out=[]
    for item in shlex.split(rest):
        if item.startswith('+'):
            code,q=item[1:].split('=',1)
            assert code in r['cands'], (i,code)
        elif '=' in item:
            j,q=item.split('=',1); code=r['short'][int(j)][0]
        else:
            code,cov,sent=r['short'][int(item)]
            lt=set(ltok[code]); spans=[]
            for m in re.finditer(r"\w+", sent):
                w=fold(m.group())
                if w in STOP or len(w)<=1: continue
                if pref(w) in lt: spans.append((m.start(),m.end()))
            q=sent[spans[0][0]:spans[-1][1]] if spans else sent
        assert q in r['text'], (i,code,q)
        out.append((code,q))
    return out
random.seed(20261123)
lab_off=[x for x in o if x.get('competences')]; other=[x for x in o if not x.get('competences')]
sample=[]; seen=collections.Counter()
for pool,n in ((lab_off,25),(other,25)):
    random.shuffle(pool); k=0
    for x in pool:
        if seen[x['romeCode']]>=4: continue
        sample.append(x); seen[x['romeCode']]+=1; k+=1
        if k==n: break
# Second round (sixth session), annotated blind to the engine: 10 more of each pool, further
# down the same shuffled lists, under the same cap per ROME code.
chosen={x['id'] for x in sample}
for pool,n in ((lab_off,10),(other,10)):
    k=0
    for x in pool:
        if x['id'] in chosen or seen[x['romeCode']]>=4: continue
        sample.append(x); seen[x['romeCode']]+=1; k+=1
        if k==n: break
res=[entry(x['id'],x['romeCode'],x['intitule']+"\n"+x['description']) for x in sample]
json.dump(res,open('/tmp/ann/sample.json','w'),ensure_ascii=False)
for i,r in enumerate(res):
    print(f"### {i} {r['id']} {r['romeCode']} cands={len(r['cands'])} short={len(r['short'])}")

# Round 3 (twelfth session): builds the annotation sample of the sector texts
# (`sector_texts.json`, fictional) for the blind readers, in the format of round 2
# (`sample.json`: id, romeCode, text, cands, short), with the candidates and lexical shortlist
# of `shortlist.py`. Run from this folder: python3 sectors.py OUT_DIR
import json, sys, os
exec(open('shortlist.py').read().split("random.seed")[0])
src = open('shortlist.py').read()
exec("def sentences" + src.split("def sentences")[1].split("res=[]")[0])
texts = json.load(open('sector_texts.json'))['texts']
res = []
for x in texts:
    text = x['intitule'] + "\n" + x['description']
    f = x['fiche']
    cands = set(items[f])
    for m in mob[f]: cands |= items[m]
    sents = [(s, set(toks(s))) for s in sentences(text)]
    for s, st in sents:
        for t in st:
            for c in sav_by_tok.get(t, []):
                if ltok[c] and set(ltok[c]) <= st: cands.add(c)
    short = []
    for c in sorted(cands):
        lt = ltok[c]
        if not lt: continue
        best = (0, None)
        for s, st in sents:
            hit = [t for t in lt if t in st]
            cov = len(hit) / len(lt)
            name = any(df[t] <= 8 for t in hit)
            if cov > best[0] and ((cov >= 0.74 and len(hit) >= 2) or cov >= 0.99 or (name and cov >= 0.3)): best = (cov, s)
        if best[1]: short.append((c, best[0], best[1]))
    short.sort(key=lambda z: (-z[1], z[0]))
    res.append({'id': x['id'], 'romeCode': f, 'cands': sorted(cands), 'short': short, 'text': text})
out = sys.argv[1] if len(sys.argv) > 1 else '/tmp/ann3'
os.makedirs(out, exist_ok=True)
json.dump(res, open(os.path.join(out, 'sample.json'), 'w'), ensure_ascii=False)
for i, r in enumerate(res):
    print(f"### {i} {r['id']} {r['romeCode']} cands={len(r['cands'])} short={len(r['short'])}")

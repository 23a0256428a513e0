# Round 3 (twelfth session): builds the annotation sample of the sector texts
# (`sector_texts.json`, fictional) for the blind readers, in the format of round 2
# (`sample.json`: id, romeCode, text, cands, short), with the candidates and lexical shortlist
# of `shortlist.py`. Run from this folder: python3 sectors.py OUT_DIR
import json, sys, os
exec(open('shortlist.py').read().split("random.seed")[0])
texts = json.load(open('sector_texts.json'))['texts']
res = [entry(x['id'], x['fiche'], x['intitule'] + "\n" + x['description']) for x in texts]
out = sys.argv[1] if len(sys.argv) > 1 else '/tmp/ann3'
os.makedirs(out, exist_ok=True)
json.dump(res, open(os.path.join(out, 'sample.json'), 'w'), ensure_ascii=False)
for i, r in enumerate(res):
    print(f"### {i} {r['id']} {r['romeCode']} cands={len(r['cands'])} short={len(r['short'])}")

# Round 7 (fifteenth session, third batch): the readers' sample of `texts.json` (fictional), built as in
# round 3 (`../sectors.py`), then their lines (`dec.txt`, format of `../BRIEF_sectors.md`)
# turned into `gold.json` and `skills_grounded_candidates.json` (what `skills_eval.py grounded`
# reads). Run from this folder: python3 build.py sample OUT_DIR, then python3 build.py gold OUT_DIR.
import json, sys, os
exec(open('../shortlist.py').read().split("random.seed")[0])
step, out = sys.argv[1], sys.argv[2]
texts = json.load(open('texts.json'))['texts']
if step == 'sample':
    res = [entry(x['id'], x['fiche'], x['intitule'] + "\n" + x['description']) for x in texts]
    os.makedirs(out, exist_ok=True)
    json.dump(res, open(os.path.join(out, 'sample.json'), 'w'), ensure_ascii=False)
else:
    res = json.load(open(os.path.join(out, 'sample.json')))
    kinds = {x['id']: x['kind'] for x in texts}
    gold, cands = [], {}
    for line in open('dec.txt'):
        if ':' not in line:
            continue
        i, rest = line.strip().split(':', 1); r = res[int(i)]
        skills, seen = [], set()
        for code, q in dec_skills(i, rest, r):
            if code not in seen:
                seen.add(code); skills.append({"code": code, "quote": q})
        gold.append({"id": r['id'], "romeCode": r['romeCode'], "kind": kinds[r['id']], "round": 7,
                     "tuning": False, "skills": skills})
        cands[r['id']] = r['cands']
    json.dump(gold, open('gold.json', 'w'), ensure_ascii=False, indent=1)
    json.dump(cands, open('skills_grounded_candidates.json', 'w'), ensure_ascii=False)
    print(len(gold), sum(len(g['skills']) for g in gold))

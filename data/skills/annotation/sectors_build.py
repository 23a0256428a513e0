# Round 3: turns the readers' lines (`sectors_dec.txt`, format of BRIEF_sectors.md) over the
# sample built by `sectors.py` into `../skills_sectors_gold.json` and
# `../skills_sectors_candidates.json`. Run from this folder: python3 sectors_build.py SAMPLE_DIR
import json, sys
exec(open('shortlist.py').read().split("random.seed")[0])
res = json.load(open(sys.argv[1] + '/sample.json'))
texts = {x['id']: x for x in json.load(open('sector_texts.json'))['texts']}
gold, cands = [], {}
for line in open('sectors_dec.txt'):
    line = line.strip()
    if not line: continue
    i, rest = line.split(':', 1); r = res[int(i)]; text = r['text']
    skills, seen = [], set()
    for code, q in dec_skills(i, rest, r):
        if code in seen: continue
        seen.add(code)
        skills.append({"code": code, "quote": q})
    x = texts[r['id']]
    gold.append({"id": r['id'], "romeCode": r['romeCode'], "kind": x['kind'], "round": 3,
                 "tuning": x['tuning'], "skills": skills})
    cands[r['id']] = r['cands']
json.dump(gold, open('../skills_sectors_gold.json', 'w'), ensure_ascii=False, indent=1)
json.dump(cands, open('../skills_sectors_candidates.json', 'w'), ensure_ascii=False)
print(len(gold), sum(len(g['skills']) for g in gold), sum(len({s['quote'] for s in g['skills']}) for g in gold))

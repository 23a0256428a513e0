# Round 3: turns the readers' lines (`sectors_dec.txt`, format of BRIEF_sectors.md) over the
# sample built by `sectors.py` into `../skills_sectors_gold.json` and
# `../skills_sectors_candidates.json`. Run from this folder: python3 sectors_build.py SAMPLE_DIR
import json, re, shlex, sys
exec(open('shortlist.py').read().split("random.seed")[0])
res = json.load(open(sys.argv[1] + '/sample.json'))
texts = {x['id']: x for x in json.load(open('sector_texts.json'))['texts']}
gold, cands = [], {}
for line in open('sectors_dec.txt'):
    line = line.strip()
    if not line: continue
    i, rest = line.split(':', 1); r = res[int(i)]; text = r['text']
    skills, seen = [], set()
    for item in shlex.split(rest):
        if item.startswith('+'):
            code, q = item[1:].split('=', 1)
            assert code in r['cands'], (i, code)
        elif '=' in item:
            j, q = item.split('=', 1); code = r['short'][int(j)][0]
        else:
            code, cov, sent = r['short'][int(item)]
            lt = set(ltok[code]); spans = []
            for m in re.finditer(r"\w+", sent):
                w = fold(m.group())
                if w in STOP or len(w) <= 1: continue
                if pref(w) in lt: spans.append((m.start(), m.end()))
            q = sent[spans[0][0]:spans[-1][1]] if spans else sent
        assert q in text, (i, code, q)
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

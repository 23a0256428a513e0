# Rounds 4 to 8 (fourteenth and fifteenth sessions): the readers' sample of a round's
# `texts.json` (fictional), built as in round 3 (`sectors.py`), then their lines (`dec.txt`,
# format of `BRIEF_sectors.md`) turned into `gold.json` and `skills_grounded_candidates.json`
# (what `skills_eval.py grounded` reads). Run from this folder:
#   python3 blind_round.py round5 sample OUT_DIR, then python3 blind_round.py round5 gold OUT_DIR
# Round 4's texts are of round 3's tuning trades ("tuning": true); rounds 5 to 8 of other ones.
import json, sys, os
exec(open('shortlist.py').read().split("random.seed")[0])
folder, step, out = sys.argv[1], sys.argv[2], sys.argv[3]
number = int(folder.removeprefix('round'))
at = lambda f: os.path.join(folder, f)
texts = json.load(open(at('texts.json')))['texts']
if step == 'sample':
    res = [entry(x['id'], x['fiche'], x['intitule'] + "\n" + x['description']) for x in texts]
    os.makedirs(out, exist_ok=True)
    json.dump(res, open(os.path.join(out, 'sample.json'), 'w'), ensure_ascii=False)
else:
    res = json.load(open(os.path.join(out, 'sample.json')))
    kinds = {x['id']: x['kind'] for x in texts}
    gold, cands = [], {}
    for line in open(at('dec.txt')):
        if ':' not in line:
            continue
        i, rest = line.strip().split(':', 1); r = res[int(i)]
        skills, seen = [], set()
        for code, q in dec_skills(i, rest, r):
            if code not in seen:
                seen.add(code); skills.append({"code": code, "quote": q})
        gold.append({"id": r['id'], "romeCode": r['romeCode'], "kind": kinds[r['id']],
                     "round": number, "tuning": number == 4, "skills": skills})
        cands[r['id']] = r['cands']
    # Round 9: the engine's new predictions outside the gold, judged by a reader after the
    # fifth batch (ANNOTATION.md), appended and flagged, as in the 70-offer gold.
    if os.path.exists(at('adjudicated.json')):
        for g in gold:
            for a in json.load(open(at('adjudicated.json'))).get(g['id'], []):
                g['skills'].append({**a, "adjudicated": True})
    json.dump(gold, open(at('gold.json'), 'w'), ensure_ascii=False, indent=1)
    json.dump(cands, open(at('skills_grounded_candidates.json'), 'w'), ensure_ascii=False)
    print(len(gold), sum(len(g['skills']) for g in gold))

# *Training* annotations of bundled offers, to write variants from what full readings find
# (never an evaluation set). Each round draws 64–66 offers, at most PER[fiche] of each fiche,
# none of the 70-offer gold nor of round 9 (the two evaluation sets of bundled offers) nor of
# an earlier training round. train17 (seventeenth session, seed 20261211): the eleven most
# frequent fiches of the bundled offers; train18 (eighteenth session, seed 20261218): the same
# eleven, fewer each, and the next twelve. `python3 corpus_train.py ROUND draw` writes
# ROUND/texts.json in the shape of the rounds' texts; `python3 corpus_train.py ROUND sample K
# OUT` then writes the readers' sample of quarter K (0..3) to OUT/sample.json, and
# `python3 corpus_train.py ROUND gold OUT0 OUT1 OUT2 OUT3` turns the readers' lines (kept as
# ROUND/dec_K.txt) and their samples into ROUND/annotated.json. Run from this folder.
import json, gzip, random, os, sys
HERE = os.path.dirname(os.path.abspath(__file__))
ROUNDS = {
    "train17": (20261211, "the eleven most frequent fiches",
                {"M1801": 14, "M1811": 6, "M1854": 6, "K2303": 6, "M1403": 6, "H1501": 6,
                 "K2307": 6, "M1843": 5, "K2305": 4, "M1405": 3, "M1830": 2}),
    "train18": (20261218, "the 23 most frequent fiches",
                {"M1801": 6, "M1811": 3, "M1854": 3, "K2303": 3, "M1403": 3, "H1501": 3,
                 "K2307": 3, "M1843": 3, "K2305": 3, "M1405": 3, "M1830": 3, "K2404": 3,
                 "K2405": 3, "M1817": 3, "M1822": 3, "M1834": 3, "M1851": 3, "M1839": 2,
                 "K2403": 2, "M1802": 2, "M1805": 2, "M1803": 2, "M1826": 2}),
}
ROUND = sys.argv[1]
SEED, WHICH, PER = ROUNDS[ROUND]
at = lambda f: os.path.join(HERE, ROUND, f)


def draw():
    offers = json.load(gzip.open(os.path.join(HERE, '../../offers/france_travail_offers.json.gz')))
    held = {g['id'] for g in json.load(open(os.path.join(HERE, '../skills_grounded_gold.json')))}
    held |= {t['id'] for t in json.load(open(os.path.join(HERE, 'round9/texts.json')))['texts']}
    for earlier in list(ROUNDS)[:list(ROUNDS).index(ROUND)]:
        held |= {t['id'] for t in json.load(open(os.path.join(HERE, earlier, 'texts.json')))['texts']}
    pool = sorted((o for o in offers if o.get('romeCode') in PER and o['id'] not in held
                   and len(o.get('description', '')) >= 400), key=lambda o: o['id'])
    random.seed(SEED)
    random.shuffle(pool)
    taken, per = [], {}
    for o in pool:
        if per.get(o['romeCode'], 0) < PER[o['romeCode']]:
            per[o['romeCode']] = per.get(o['romeCode'], 0) + 1
            taken.append(o)
    texts = [{"id": o['id'], "fiche": o['romeCode'], "kind": "offre", "intitule": o['intitule'],
              "description": o.get('description', '')} for o in taken]
    os.makedirs(at(''), exist_ok=True)
    note = (f"{len(texts)} bundled France Travail offers (real, public) of {WHICH}, drawn with "
            f"seed {SEED}, none of the 70-offer gold, of round 9 or of an earlier training round; "
            "annotated in full by readers blind to the engine, as training material for "
            "variants (never scored)")
    json.dump({"note": note, "texts": texts}, open(at('texts.json'), 'w'), ensure_ascii=False,
              indent=1)
    print(len(texts), sorted(per.items()))


if __name__ == '__main__':
    if sys.argv[2] == 'draw':
        draw()
    else:
        os.chdir(HERE)
        exec(open('shortlist.py').read().split("random.seed")[0])
        texts = json.load(open(at('texts.json')))['texts']
        if sys.argv[2] == 'sample':
            k, out = int(sys.argv[3]), sys.argv[4]
            res = [entry(x['id'], x['fiche'], x['intitule'] + "\n" + x['description'])
                   for x in texts[k::4]]
            os.makedirs(out, exist_ok=True)
            json.dump(res, open(os.path.join(out, 'sample.json'), 'w'), ensure_ascii=False)
        else:
            gold = []
            for k, out in enumerate(sys.argv[3:]):
                res = json.load(open(os.path.join(out, 'sample.json')))
                for line in open(at(f'dec_{k}.txt')):
                    if ':' not in line:
                        continue
                    i, rest = line.strip().split(':', 1)
                    r = res[int(i)]
                    skills, seen = [], set()
                    for code, q in dec_skills(i, rest, r):
                        if code not in seen:
                            seen.add(code)
                            skills.append({"code": code, "quote": q})
                    gold.append({"id": r['id'], "romeCode": r['romeCode'], "skills": skills})
            json.dump(gold, open(at('annotated.json'), 'w'), ensure_ascii=False, indent=1)
            print(len(gold), sum(len(g['skills']) for g in gold))

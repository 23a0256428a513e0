# Round 9 (sixteenth session): a blind round of *bundled offers* for the fifth batch of scoped
# words (trades/items.py 5), drawn before the batch was written: 16 offers of the batch's
# fiches, at most 2 per fiche, none of the 70 offers of skills_grounded_gold.json, seed
# 20261205. Writes round9/texts.json in the shape of the other rounds' texts (kind "offre"),
# which `blind_round.py round9 sample|gold OUT` then reads. Run from this folder.
import json, gzip, random, os, sys
HERE = os.path.dirname(os.path.abspath(__file__))
offers = json.load(gzip.open(os.path.join(HERE, '../../offers/france_travail_offers.json.gz')))
sys.path.insert(0, os.path.join(HERE, '../trades'))
from items import BATCHES  # noqa: E402
fiches = set(BATCHES["5"][0].split())
gold = {g['id'] for g in json.load(open(os.path.join(HERE, '../skills_grounded_gold.json')))}
pool = sorted((o for o in offers if o.get('romeCode') in fiches and o['id'] not in gold),
              key=lambda o: o['id'])
random.seed(20261205)
random.shuffle(pool)
taken, per = [], {}
for o in pool:
    if per.get(o['romeCode'], 0) < 2:
        per[o['romeCode']] = per.get(o['romeCode'], 0) + 1
        taken.append(o)
    if len(taken) == 16:
        break
texts = [{"id": o['id'], "fiche": o['romeCode'], "kind": "offre", "intitule": o['intitule'],
          "description": o.get('description', '')} for o in taken]
os.makedirs(os.path.join(HERE, 'round9'), exist_ok=True)
note = ("16 bundled France Travail offers (real, public) of the fifth batch's fiches, drawn "
        "with seed 20261205 before the batch was written, at most 2 per fiche, none of the "
        "70-offer gold; annotated blind to the engine and to the variants")
json.dump({"note": note, "texts": texts}, open(os.path.join(HERE, 'round9/texts.json'), 'w'),
          ensure_ascii=False, indent=1)
print(len(texts), sorted(per.items()), sum(len(t['description']) for t in texts) // len(texts))

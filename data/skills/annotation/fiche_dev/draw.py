# The fiche-reading development set's draw (seventeenth session): 48 fiches with scoped trade
# words (variants.tsv as committed with texts.json) and 32 without, none with bundled offers
# nor with a text in the blind rounds or the sector texts, seed 20261201. Prints the two lists
# (texts.json keeps them as `covered` and `uncovered`). Run from this folder.
import json, glob, csv, gzip, random
S = '../..'
cov = set()
for line in open(f'{S}/variants.tsv'):
    p = line.rstrip('\n').split('\t')
    if not line.startswith('#') and len(p) >= 3 and p[2].strip():
        cov.update(p[2].replace(',', ' ').split())
used = {t['fiche'] for f in glob.glob('../round*/texts.json') for t in json.load(open(f))['texts']}
used |= {t['fiche'] for t in json.load(open('../sector_texts.json'))['texts']}
off = {o['romeCode'] for o in json.load(gzip.open(f'{S}/../offers/france_travail_offers.json.gz'))}
fiches = [r['code_rome'] for r in
          csv.DictReader(gzip.open(f'{S}/../rome/unix_referentiel_code_rome_v460_utf8.csv.gz', 'rt'))]
random.seed(20261201)
a = random.sample(sorted(cov - used - off), 48)
b = random.sample(sorted(set(fiches) - cov - used - off), 32)
print(json.dumps({'covered': a, 'uncovered': b}))

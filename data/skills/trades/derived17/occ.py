# (Run from a scratch folder, `$DERIVED_SCRATCH` (/work/s17v in the seventeenth session, /work/s18v
# in the eighteenth), which holds held.json (the ids of the 70-offer gold and of round 9),
# missed/, variants/ and reviewed/; `$TRAIN_ROUND` names the training round: train17, train18.)
# Lists where variants occur (exact whole words after lowercasing and removing accents) in the
# bundled offers outside the evaluation sets, with context. Usage: occ.py "variant" ["variant"...]
# Options: -n N (max occurrences shown per variant, default 8).
import json, gzip, re, sys, unicodedata, html
import os
S = os.environ.get('DERIVED_SCRATCH', '/work/s17v')
T = os.environ.get('TRAIN_ROUND', 'train17')
def fold(s):
    s = unicodedata.normalize('NFD', s.lower().replace('’', "'").replace('œ', 'oe'))
    return ''.join(c for c in s if not unicodedata.combining(c))
args = sys.argv[1:]; n = 8
if args[:1] == ['-n']:
    n = int(args[1]); args = args[2:]
offers = json.load(gzip.open('/work/main/data/offers/france_travail_offers.json.gz'))
held = set(json.load(open(f'{S}/held.json')))
docs = [(o['id'], o.get('romeCode'), fold(html.unescape(o['intitule'] + '\n' + o.get('description', ''))))
        for o in offers if o['id'] not in held]
for v in args:
    fv = re.sub(r'\s+', ' ', fold(v.strip()))
    pat = re.compile(r'(?<![a-z0-9])' + re.escape(fv).replace(r'\ ', r'\s+') + r'(?![a-z0-9])')
    hits = [(i, f, m.start(), m.end(), t) for i, f, t in docs for m in pat.finditer(t)]
    offers_hit = len({h[0] for h in hits})
    print(f'== "{v}": {len(hits)} occurrences in {offers_hit} of {len(docs)} offers')
    for i, f, a, b, t in hits[:n]:
        ctx = t[max(0, a - 70):b + 70].replace('\n', ' / ')
        print(f'   {f} {i}: ...{ctx}...')

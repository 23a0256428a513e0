# (Run from a scratch folder, `$DERIVED_SCRATCH` (/work/s17v in the seventeenth session, /work/s18v
# in the eighteenth), which holds held.json (the ids of the 70-offer gold and of round 9),
# missed/, variants/ and reviewed/; `$TRAIN_ROUND` names the training round: train17, train18.)
# Writes, per fiche, the annotated passages of the training offers whose codes the engine
# does not assert as text evidence: $DERIVED_SCRATCH/missed/FICHE.txt (offer | code | kind | label | quote).
import json, csv, gzip, collections, subprocess
import os
S = os.environ.get('DERIVED_SCRATCH', '/work/s17v')
T = os.environ.get('TRAIN_ROUND', 'train17')
A = f'/work/main/data/skills/annotation/{T}/'
texts = {t['id']: t for t in json.load(open(A + 'texts.json'))['texts']}
gold = json.load(open(A + 'annotated.json'))
inp = '\n'.join(json.dumps({'id': t['id'], 'intitule': t['intitule'], 'description': t['description']}) for t in texts.values())
out = subprocess.run(['/work/main/target/release/tremplin', 'skills', 'extract', '--input', '-'], input=inp, capture_output=True, text=True).stdout
pred = {}
for l in out.splitlines():
    r = json.loads(l); pred[r['id']] = {s['code'] for s in r['skills'] if s['evidence'] == 'text'}
D = '/work/main/data/rome/'
lab, kind = {}, {}
for r in csv.DictReader(gzip.open(D + 'unix_referentiel_competence_v460_utf8.csv.gz', 'rt')):
    lab[r['code_ogr']] = r['libelle_competence']; kind[r['code_ogr']] = 'macro' if r['nature'] == 'Macro-compétence' else r['cat_comp']
for r in csv.DictReader(gzip.open(D + 'unix_referentiel_savoir_v460_utf8.csv.gz', 'rt')):
    lab[r['code_ogr_savoir']] = r['libelle_savoir']; kind[r['code_ogr_savoir']] = 'savoir'
os.makedirs(f'{S}/missed', exist_ok=True)
per = collections.defaultdict(list); tot = hit = 0
for g in gold:
    byq = collections.defaultdict(list)
    for s in g['skills']:
        byq[s['quote']].append(s['code'])
    for q, cs in byq.items():
        tot += 1
        if set(cs) & pred.get(g['id'], set()):
            hit += 1; continue
        for c in cs:
            per[g['romeCode']].append(f"{g['id']}\t{c}\t{kind.get(c,'?')}\t{lab.get(c,'?')}\t{q}")
for f, rows in per.items():
    open(f'{S}/missed/{f}.txt', 'w').write('# offer\tcode\tkind\tlabel\tquote\n' + '\n'.join(rows) + '\n')
print(f'quotes {tot}, found {hit} ({hit/max(1,tot):.3f}); missed rows per fiche:', {f: len(r) for f, r in per.items()})

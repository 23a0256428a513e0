# (Run from a scratch folder, `$DERIVED_SCRATCH` (/work/s17v in the seventeenth session, /work/s18v
# in the eighteenth), which holds held.json (the ids of the 70-offer gold and of round 9),
# missed/, variants/ and reviewed/; `$TRAIN_ROUND` names the training round: train17, train18.)
# Merges the reviewed derived variants (DIR/FICHE.tsv) into variants.tsv lines, each scoped to
# its fiche and to the bundled offers' fiches that list the skill among their items. Variants
# whose first word is a French stop word ("la gestion des…", "en gestion de projet") are left
# out: the engine walks a variant from every occurrence of its first word, and those 87 cost
# 10,000 instructions per offer for no gain on the evaluation sets.
import glob, sys, csv, gzip, json, collections, unicodedata
STOP = set(("a au aux avec c ce ces cet cette d dans de des du elle en est et etre f h il ils j je "
            "l la le les leur leurs lui m ma mes mon n ne nos notre nous on ou par pas plus pour qu "
            "que qui s sa se ses si son sont sur t ta tes ton tous tout toute toutes un une vos "
            "votre vous y x ainsi afin etc tres bien comme").split())
def first_word(v):
    f = ''.join(c for c in unicodedata.normalize('NFD', v.lower()) if unicodedata.category(c) != 'Mn')
    return f.replace("'", ' ').replace('’', ' ').split()[0]
R = '/work/main/data/'
items = collections.defaultdict(set)
for r in csv.DictReader(gzip.open(R + 'rome/unix_coherence_item_v460_utf8.csv.gz', 'rt')):
    items[r['code_ogr']].add(r['code_rome'])
bundled = {o['romeCode'] for o in json.load(gzip.open(R + 'offers/france_travail_offers.json.gz'))}
out = []
for path in sorted(glob.glob(sys.argv[1] + '/*.tsv')):
    f = path.rsplit('/', 1)[-1][:-4]
    for line in open(path):
        line = line.rstrip('\n')
        if not line.strip() or line.startswith('#'):
            continue
        code, vs, _ = line.split('\t')
        vs = '|'.join(v.strip() for v in vs.split('|') if v.strip() and first_word(v) not in STOP)
        if not vs:
            continue
        scope = sorted({f} | (items[code] & bundled))
        out.append(f"{code}\t{vs}\t{' '.join(scope)}")
print('\n'.join(out))

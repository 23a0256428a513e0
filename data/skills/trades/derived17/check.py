# (Seventeenth session: run from its scratch folder /work/s17v, which held held.json (the ids of the
# 70-offer gold and of round 9), missed/, variants/ and reviewed/.)
# Checks per-fiche derived variant files: code<TAB>variants<TAB>FICHE, codes from missed/FICHE.txt.
import sys, unicodedata, os
def fold(s):
    s = unicodedata.normalize('NFD', s.lower()); return ''.join(c for c in s if not unicodedata.combining(c))
bad = 0
for path in sys.argv[1:]:
    f = os.path.basename(path).split('.')[0]
    codes = {l.split('\t')[1] for l in open(f'/work/s17v/missed/{f}.txt') if not l.startswith('#')}
    n = 0; seen = set()
    for i, l in enumerate(open(path), 1):
        l = l.rstrip('\n')
        if not l.strip() or l.startswith('#'): continue
        p = l.split('\t')
        def err(m):
            global bad; bad += 1; print(f"{path}:{i}: {m}")
        if len(p) != 3: err("expected code<TAB>variants<TAB>FICHE"); continue
        if p[0] not in codes: err(f"code {p[0]} is not in missed/{f}.txt")
        if p[2].strip() != f: err(f"third column must be {f}")
        for v in p[1].split('|'):
            v = v.strip()
            if not v: err("empty variant"); continue
            if not fold(v)[0].isalnum() or not fold(v)[0].isascii(): err(f"variant {v!r} must start with a letter or digit")
            if (p[0], fold(v)) in seen: err(f"duplicate variant {v!r}")
            seen.add((p[0], fold(v))); n += 1
    print(f"{path}: {n} variants")
sys.exit(1 if bad else 0)

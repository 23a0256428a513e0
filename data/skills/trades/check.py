# Checks the format and codes of per-fiche variant files (FICHE.tsv): code<TAB>variants<TAB>FICHE,
# codes among the fiche's items (fiches/FICHE.txt, written by items.py). Usage: check.py FILE...
# With `--codes DIR COL` first, the codes are column COL of DIR/FICHE.txt (derived17/check.py).
import sys, re, unicodedata, os
FICHES = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'fiches')
COL = 0
if sys.argv[1:2] == ['--codes']:
    FICHES, COL = sys.argv[2], int(sys.argv[3])
    del sys.argv[1:4]
def fold(s):
    s=unicodedata.normalize('NFD',s.lower()); return ''.join(c for c in s if not unicodedata.combining(c))
bad=0
for path in sys.argv[1:]:
    f=path.rsplit('/',1)[-1].split('.')[0]
    codes={l.split('\t')[COL] for l in open(os.path.join(FICHES, f + '.txt')) if not l.startswith('#')}
    n=0; seen=set()
    for i,l in enumerate(open(path),1):
        l=l.rstrip('\n')
        if not l.strip() or l.startswith('#'): continue
        p=l.split('\t')
        def err(m):
            global bad; bad+=1; print(f"{path}:{i}: {m}")
        if len(p)!=3: err("expected code<TAB>variants<TAB>FICHE"); continue
        if p[0] not in codes: err(f"code {p[0]} is not an item of {f}")
        if p[2].strip()!=f: err(f"third column must be {f}")
        for v in p[1].split('|'):
            v=v.strip()
            if not v: err("empty variant"); continue
            if not fold(v)[0].isalnum() or not fold(v)[0].isascii(): err(f"variant {v!r} must start with a letter or digit")
            if (p[0],fold(v)) in seen: err(f"duplicate variant {v!r}")
            seen.add((p[0],fold(v))); n+=1
    print(f"{path}: {n} variants")
sys.exit(1 if bad else 0)

# Lists the candidate codes of sample entry I for the readers: the declared fiche's own items
# first (all of them), then the count of the others (search those with find.py).
import json, sys
exec(open('shortlist.py').read().split("random.seed")[0])
res = json.load(open('sample.json'))
i = int(sys.argv[1]); r = res[i]
own = sorted(items[r['romeCode']] & set(r['cands']), key=lambda c: (kind[c], lab[c]))
print(f"### {i} {r['id']} fiche {r['romeCode']}: {len(own)} items of the fiche, {len(r['cands']) - len(own)} other candidates")
for c in own:
    print(f"{c}|{kind[c]}|{lab[c]}")

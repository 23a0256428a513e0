import json,sys,re
exec(open('shortlist.py').read().split("random.seed")[0])
res=json.load(open('sample.json'))
a,b=int(sys.argv[1]),int(sys.argv[2])
for i in range(a,b):
    r=res[i]
    print(f"### {i} {r['romeCode']} | {r['text'].splitlines()[0][:90]}")
    for j,(c,cov,s) in enumerate(r['short']):
        k=kind[c][:5]
        print(f"{j}|{k}|{lab[c][:70]}| {s[:200]}")

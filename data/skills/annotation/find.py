import json,sys
exec(open('shortlist.py').read().split("random.seed")[0])
res=json.load(open('sample.json'))
i=int(sys.argv[1]); c=set(res[i]['cands'])
for pat in sys.argv[2:]:
    for code,l in lab.items():
        if fold(pat) in fold(l) and len(l)<60: print(pat,'|',code,l,'| CAND' if code in c else '')

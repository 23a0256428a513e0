import json
exec(open('shortlist.py').read().split("random.seed")[0])
res=json.load(open('sample.json'))
gold=[]; cands={}
for line in open('dec.txt'):
    line=line.strip()
    if not line: continue
    i,rest=line.split(':',1); r=res[int(i)]; text=r['text']
    skills=[{"code":code,"quote":q} for code,q in dec_skills(i,rest,r)]
    gold.append({"id":r['id'],"romeCode":r['romeCode'],"skills":skills})
    cands[r['id']]=r['cands']
# Adjudication (see ANNOTATION.md): engine predictions re-read after a first evaluation and
# found supported, appended to their offer and flagged.
for g in gold:
    for a in json.load(open('adjudicated.json')).get(g['id'],[]):
        g['skills'].append({**a,"adjudicated":True})
# Round 1: offers 0-39, read through the lexical shortlist; round 2 (sixth session): offers
# 40-69, annotated blind to the engine by reading the whole text. The matcher's rules were
# tuned looking at errors on offers 0-19 and, in the sixth session, 40-54.
for k,g in enumerate(gold):
    g['round']=1 if k<40 else 2
    if k<20 or 40<=k<55: g['tuning']=True
json.dump(gold,open('skills_grounded_gold.json','w'),ensure_ascii=False,indent=1)
json.dump(cands,open('skills_grounded_candidates.json','w'),ensure_ascii=False)
print(len(gold), sum(len(g['skills']) for g in gold), sum(len({s['quote'] for s in g['skills']}) for g in gold))

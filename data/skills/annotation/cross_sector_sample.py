#!/usr/bin/env python3
"""Draws the 40 ROME fiches of the cross-sector judging (tenth session) and writes, per fiche,
its text (title, definition and access texts, as `tremplin skills eval` builds it) with the
text-evidence skills of a predictions file, for readers to judge.

Developer tool, run from the repository root; reads only the bundled data:
    python3 data/skills/annotation/cross_sector_sample.py PRED.jsonl > to_judge.json
where PRED.jsonl is `tremplin skills extract` run on the fiche texts (written by this script
with --texts fiches.json). Fiches of the labelled offers' sample and IT fiches (M18) are left
out; 40 fiches are drawn over the 14 grands domaines, in proportion (at least 2 each), seed
20261130. In the tenth session the texts kept the source's doubled apostrophes (d''autonomie),
which changed 3 predictions; they were judged by the developer.
"""
import collections, csv, gzip, json, random, sys

ROME = "data/rome/"

def fiche_texts():
    labels = {r["code_rome"]: r["libelle_rome"] for r in csv.DictReader(
        gzip.open(ROME + "unix_referentiel_code_rome_v460_utf8.csv.gz", "rt", encoding="utf-8"))}
    body = collections.defaultdict(list)
    for r in csv.DictReader(gzip.open(ROME + "unix_texte_v460_utf8.csv.gz", "rt", encoding="utf-8")):
        body[r["code_rome"]].append(r["libelle_texte"].replace("''", "'"))
    return {c: {"id": c, "intitule": labels[c], "description": "\n".join(t)} for c, t in body.items()}

def draw(texts, pred):
    labelled = {o["romeCode"] for o in json.load(gzip.open("data/offers/france_travail_offers.json.gz"))}
    with_text = {d["id"] for d in pred.values() if any(s["evidence"] == "text" for s in d["skills"])}
    cands = sorted(c for c in texts if c not in labelled and not c.startswith("M18") and c in with_text)
    by = collections.defaultdict(list)
    for c in cands:
        by[c[0]].append(c)
    quota = {l: max(2, round(40 * len(by[l]) / len(cands))) for l in sorted(by)}
    while sum(quota.values()) > 40:
        quota[max(quota, key=lambda k: quota[k])] -= 1
    rnd = random.Random(20261130)
    return sorted(f for l in sorted(by) for f in rnd.sample(by[l], min(quota[l], len(by[l]))))

if __name__ == "__main__":
    texts = fiche_texts()
    if sys.argv[1] == "--texts":
        json.dump(list(texts.values()), open(sys.argv[2], "w"), ensure_ascii=False)
        sys.exit()
    pred = {d["id"]: d for d in map(json.loads, open(sys.argv[1]))}
    out = []
    for f in draw(texts, pred):
        t = texts[f]["intitule"] + "\n" + texts[f]["description"]
        b = t.encode()
        skills = [{"code": s["code"], "label": s["label"], "kind": s["kind"],
                   "quotes": [b[x:y].decode() for x, y in s["spans"]]}
                  for s in pred[f]["skills"] if s["evidence"] == "text"]
        out.append({"fiche": f, "text": t, "skills": skills})
    json.dump(out, sys.stdout, ensure_ascii=False, indent=1)

"""Corpus-wide judging of text evidence (ANNOTATION.md, "Corpus-wide judging").

  python3 corpus_wide.py sample OFFERS.json PRED.jsonl OUT.json   # draws the 800 items to judge
  python3 corpus_wide.py estimate OFFERS.json PRED.jsonl          # precision of PRED from the verdicts

PRED.jsonl is what `tremplin skills extract` wrote for OFFERS.json. An assertion is a text-evidence skill
of an offer, keyed with its first quote (folded). `estimate` keeps the judged items still asserted by PRED
and weights each head pair by its count in PRED: head precision x head share + tail precision x tail share.
"""
import collections, json, random, re, sys, unicodedata

JUDGED = "corpus_wide_judged_session11.json"


def fold(s):
    s = unicodedata.normalize("NFD", s.lower())
    return " ".join("".join(c for c in s if unicodedata.category(c) != "Mn").split())


def assertions(offers_path, pred_path):
    offers = {o["id"]: o for o in json.load(open(offers_path))}
    occ = collections.defaultdict(list)
    for line in open(pred_path):
        d = json.loads(line)
        o = offers[d["id"]]
        text = (o.get("intitule", "") + "\n" + o.get("description", "")).encode()
        for s in d["skills"]:
            if s["evidence"] == "text":
                a, b = s["spans"][0]
                occ[(s["code"], s["label"], fold(text[a:b].decode("utf8", "replace")))].append((d["id"], a, b, s["kind"]))
    return offers, occ


def sample(offers_path, pred_path, out_path):
    offers, occ = assertions(offers_path, pred_path)
    ranked = sorted(occ, key=lambda k: -len(occ[k]))
    rng = random.Random(20261130)

    def item(part, k, oid, a, b, kind):
        o = offers[oid]
        t = (o["intitule"] + "\n" + o["description"]).encode()
        s, e = max(0, a - 250), min(len(t), b + 150)
        ctx = t[s:a].decode("utf8", "ignore") + "⟦" + t[a:b].decode("utf8", "replace") + "⟧" + t[b:e].decode("utf8", "ignore")
        return {"part": part, "pair_count": len(occ[k]), "code": k[0], "skill": k[1], "kind": kind,
                "offer": oid, "title": o["intitule"], "context": ctx.replace("\r", "")}

    items = [item("head", k, *x) for k in ranked[:300] for x in rng.sample(occ[k], min(2, len(occ[k])))]
    tail = [(k, x) for k in ranked[300:] for x in occ[k]]
    items += [item("tail", k, *x) for k, x in rng.sample(tail, 200)]
    rng.shuffle(items)
    for i, x in enumerate(items):
        x["n"] = i + 1
    json.dump(items, open(out_path, "w"), ensure_ascii=False, indent=1)


def estimate(offers_path, pred_path):
    _, occ = assertions(offers_path, pred_path)
    count = collections.Counter({(k[0], k[2]): len(v) for k, v in occ.items()})
    have = {(x[0], k[0]) for k, v in occ.items() for x in v}
    total = sum(count.values())
    head, tail = collections.defaultdict(list), []
    for x in json.load(open(JUDGED))["items"]:
        if (x["offer"], x["code"]) not in have:
            continue
        quote = fold(re.search("⟦(.*?)⟧", x["context"], re.S).group(1))
        (head[(x["code"], quote)] if x["part"] == "head" else tail).append(x["verdict"])
    n_head = sum(count[k] for k in head)
    for borderline in (0, 0.5, 1):
        score = lambda vs: sum({"supported": 1, "not": 0, "borderline": borderline}[v] for v in vs) / len(vs)
        p_head = sum(score(vs) * count[k] for k, vs in head.items()) / n_head
        p = (p_head * n_head + score(tail) * (total - n_head)) / total
        print(f"borderline counted {borderline}: head {p_head:.3f}, tail {score(tail):.3f} ({len(tail)} items), all {p:.3f}")


if __name__ == "__main__":
    {"sample": sample, "estimate": estimate}[sys.argv[1]](*sys.argv[2:])

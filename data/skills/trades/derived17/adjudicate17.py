# (Seventeenth session: run from its scratch folder /work/s17v, after the judging of the new
# assertions, annotation/adjudication_session17.json.)
# Removes the derived variants behind the judged assertions found wrong or borderline more than
# once (seventeenth session), in reviewed/FICHE.tsv; logs them.
import unicodedata
def fold(s): return ''.join(c for c in unicodedata.normalize('NFD', s.lower()) if unicodedata.category(c) != 'Mn')
MCO = "MCO ('maintien en condition opérationnelle') is not preventive maintenance: judged not 5 times, borderline 7"
RM = [
    ("M1801", "484472", None, MCO),
    ("M1854", "404328", ["maintien en conditions opérationnelles", "maintien en condition opérationnelle", "mco"], MCO),
    ("M1801", "478458", None, "MCS ('maintien en conditions de sécurité', patching) is not maintenance of security systems: borderline twice"),
    ("K2303", "498223", ["port de charges", "manutention de charges", "manutention de charge"], "carrying loads is a working condition, not a lifting technique: borderline 3 times"),
    ("K2303", "100016", ["port de charges", "manutention de charges", "manutention de charge"], "the same for handling postures"),
    ("M1830", "483972", ["firewall", "firewalls", "pare-feu", "pare-feux", "pare feu", "firewalling"], "a firewall named in a list does not say the job configures one: judged not once, borderline twice (with 125100)"),
    ("M1830", "125100", ["firewall", "firewalls", "pare-feu", "pare-feux", "pare feu", "firewalling"], "the same"),
    ("K2305", "477927", ["sens du service client", "sens du service clients"], "a personal quality, not the knowledge of customer service: borderline twice"),
    ("M1801", "477927", ["sens du service client"], "the same"),
    ("M1801", "400826", ["diagnostiquez les incidents", "diagnostiquer les incidents", "diagnostic des incidents", "traitez les incidents", "traiter les incidents", "resolution des incidents"], "treating incidents is not organising their prevention and treatment: borderline 3 times"),
]
log = []
for fiche, code, vs, why in RM:
    p = f'reviewed/{fiche}.tsv'
    out = []
    for line in open(p):
        parts = line.rstrip('\n').split('\t')
        if len(parts) == 3 and parts[0] == code:
            keep = []
            for v in parts[1].split('|'):
                if vs is None or fold(v) in {fold(x) for x in vs}:
                    log.append(f"{fiche} | {code} | {v} | {why}")
                else:
                    keep.append(v)
            if not keep:
                continue
            line = f"{code}\t{'|'.join(keep)}\t{parts[2]}\n"
        out.append(line)
    open(p, 'w').write(''.join(out))
open('/work/main/data/skills/trades/review/derived17_adjudication.log', 'w').write('\n'.join(log) + '\n')
print(len(log))

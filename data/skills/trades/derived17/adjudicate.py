# (Run from the scratch folder, $DERIVED_SCRATCH, after the judging of the new assertions:
# annotation/adjudication_session17.json for train17, adjudication_session18.json for train18.)
# Removes the derived variants behind the judged assertions found wrong or borderline (more than
# once in the seventeenth session; in the eighteenth, also once where the reason holds for every
# occurrence), in reviewed/FICHE.tsv; logs them. `$TRAIN_ROUND` names the round (train17, train18).
import os, unicodedata
ROUND = os.environ.get('TRAIN_ROUND', 'train17')
def fold(s): return ''.join(c for c in unicodedata.normalize('NFD', s.lower()) if unicodedata.category(c) != 'Mn')
MCO = "MCO ('maintien en condition opérationnelle') is not preventive maintenance: judged not 5 times, borderline 7"
RM17 = [
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
INCIDENTS = "treating or resolving incidents is not organising their prevention and treatment (as in train17): borderline 3 times"
PREVENTION = "the savoir 'Prévention' is medical and paramedical prevention, not of pests or IT problems: borderline"
RM18 = [
    ("M1801", "400826", ["traiter les incidents", "traitement des incidents", "résolution des incidents", "résoudre les incidents", "résolvant les incidents", "gérer plusieurs incidents"], INCIDENTS),
    ("M1830", "400826", ["traitement des incidents", "pannes et incidents"], INCIDENTS),
    ("M1822", "300001", None, "infrastructure changes are technical, not the change management of the macro-competence: judged not twice"),
    ("K2405", "300085", None, "a clinical research associate monitors protocols, does not conduct the research: borderline 3 times"),
    ("M1801", "479203", ["automatisation des tâches"], "proposing automation is not developing scripts: judged not once, borderline once"),
    ("K2303", "104548", ["utiliser les outils informatiques"], "using a PAD or a computer is not the knowledge of computing: judged not"),
    ("M1843", "126340", None, "welcoming and seating guests is not customer relationship management: judged not"),
    ("M1843", "300366", ["attentif(ve) aux besoins de chaque client", "attentif(ve) aux besoins des clients"], "a waiter attentive to guests does not collect and analyse needs: borderline"),
    ("K2305", "511256", None, PREVENTION),
    ("M1854", "511256", None, PREVENTION),
    ("K2405", "404866", ["reunions de mises en place"], "set-up meetings are not the monitor's selection and initiation visits: borderline"),
]
RM, N = {'train17': (RM17, '17'), 'train18': (RM18, '18')}[ROUND]
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
open(f'/work/main/data/skills/trades/review/derived{N}_adjudication.log', 'w').write('\n'.join(log) + '\n')
print(len(log))

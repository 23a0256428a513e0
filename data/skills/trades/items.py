# Writes fiches/FICHE.txt (the items of each fiche, core first) for the variant writers, and
# draws the batch's blind round (eight fiches). Run from this folder, with ../shared beside
# the repository (development only; the engine never reads ../shared).
import csv, collections, os, random, json
# Batch 1 (fifteenth session): the 32 fiches with the most jobseekers in Grand Est outside
# round 3's sixteen; batch 2: round 3's eight held-out fiches and the next 24; batch 3:
# round 3's eight tuning fiches and the next 24 (not K1301, whose code names another trade in
# ROME 4.0 than in the DARES data's ROME 3); batch 4: the next 32. Each batch's blind round
# is drawn from it. Batch 5 (sixteenth session): the 32 fiches with the most bundled offers
# not yet covered (IT, waste, cleaning, research); its blind round (round 9) is of bundled
# offers, drawn by `annotation/offer_round.py`, not of written texts (the draw printed for it
# is not used). Batches 6, 7 and 8 (sixteenth session): the next 32 by jobseekers (not
# K1301), three times; batch 9, the last 16 of Grand Est's bassins in the DARES data and the
# 16 fiches with the most jobseekers in France that have no Grand Est row there.
# Usage: python3 items.py 1|2|3|4|5|6|7|8|9
BATCHES = {
    "1": ("K2204 K1303 D1507 K1304 D1214 H3302 A1203 N4105 M1601 N1105 H2909 G1203 G1603 F1704 "
          "G1605 F1606 J1301 M1203 D1401 K2503 M1602 I1604 I1203 A1405 K2104 D1212 F1603 D1208 "
          "D1408 D1202 K2111 H2903", 20261201, "round5"),
    "2": ("A1414 D1505 F1602 G1803 H2102 J1506 M1607 N1103 D1402 G1801 G1204 F1604 I1304 K1207 "
          "D1211 D1102 M1609 H2206 K2107 N4103 M1605 D1407 A1416 F1607 F1302 M1501 F1611 G1501 "
          "D1104 C1504 D1403 G1703", 20261202, "round6"),
    "3": ("N4101 N1101 J1501 K1302 G1602 D1106 F1703 H2913 H1206 H1404 I1401 K2303 F1608 N1303 "
          "H2902 G1202 D1101 I1309 N4102 H3301 I1606 E1103 M1707 A1401 D1301 J1304 F1610 K1206 "
          "E1205 F1702 C1206 I1310", 20261203, "round7"),
    "4": ("H2502 K1801 F1106 F1613 F1701 F1201 M1502 I1307 F1502 D1406 M1608 D1209 J1305 H1503 "
          "M1604 C1102 F1202 K2108 J1303 K1201 G1601 H2301 K1903 C1109 J1307 M1705 H2602 M1603 "
          "M1503 H1506 H1502 F1605", 20261204, "round8"),
    "5": ("M1801 M1811 M1854 M1403 H1501 K2307 M1843 K2305 M1405 M1830 K2404 K2405 M1817 M1822 "
          "M1834 M1851 M1839 K2403 M1802 M1805 M1803 M1826 M1849 M1841 G1211 M1806 M1818 K2310 "
          "M1860 M1856 M1836 H1517", 20261205, "round9"),
    "6": ("M1810 K1104 D1501 F1101 K1202 H2914 F1104 G1604 K1204 D1404 H1203 H2402 G1401 A1413 "
          "I1306 K2304 M1606 H2901 L1508 K1203 J1502 A1303 K2501 C1201 H1210 A1501 C1502 B1803 "
          "M1205 K2105 H2907 K2402", 20261207, "round10"),
    "7": ("A1201 M1101 K2202 E1107 C1501 N4104 N1301 D1213 M1202 G1802 I1302 J1202 M1204 J1405 "
          "A1402 K1902 K2110 H3404 L1203 M1703 H3101 C1205 I1305 J1102 H1102 I1402 H1402 F1108 "
          "E1101 L1302 D1502 E1106", 20261208, "round11"),
    "8": ("K2502 G1201 C1503 K1205 G1502 J1302 H2912 H3201 D1205 K2106 M1704 N1102 I1103 H1504 "
          "H2911 D1405 C1401 A1202 G1402 G1303 I1308 H2604 K2201 M1401 H1302 D1107 F1609 H1403 "
          "F1301 N1302 J1402 H3202", 20261209, "round12"),
    "9": ("J1103 J1505 H2504 A1101 K2203 I1102 H2905 J1404 F1503 I1603 F1103 H1101 J1410 H1208 "
          "M1808 N1202 L1202 M1402 L1505 L1507 E1104 M1301 K1601 F1102 L1509 G1101 E1201 H2101 "
          "B1805 H1204 L1504 K2401", 20261210, "round13"),
}


def main(batch):
    D=os.path.join(os.path.dirname(os.path.abspath(__file__)), '../../../../shared/data/rome/')
    fiche={r['code_rome']:r['libelle_rome'] for r in csv.DictReader(open(D+'unix_referentiel_code_rome_v460_utf8.csv'))}
    lab={}; kind={}
    for r in csv.DictReader(open(D+'unix_referentiel_competence_v460_utf8.csv')):
        if r['nature']=='Macro-compétence': continue
        lab[r['code_ogr']]=r['libelle_competence']; kind[r['code_ogr']]=r['cat_comp']
    for r in csv.DictReader(open(D+'unix_referentiel_savoir_v460_utf8.csv')):
        lab[r['code_ogr_savoir']]=r['libelle_savoir']; kind[r['code_ogr_savoir']]='savoir'
    core={}
    for r in csv.DictReader(open(D+'unix_coherence_item_v460_utf8.csv')):
        core[(r['code_rome'],r['code_ogr'])]=r['coeur_metier']
    items=collections.defaultdict(list)
    for r in csv.DictReader(open(D+'unix_liens_rome_referentiels_v460_utf8.csv')):
        if r['code_compo_bloc']=='5' and r['code_ogr'] in lab: items[r['code_rome']].append(r['code_ogr'])
    apps=collections.defaultdict(list)
    for r in csv.DictReader(open(D+'unix_referentiel_appellation_v460_utf8.csv')):
        apps[r['code_rome']].append(r['libelle_appellation_long'] if 'libelle_appellation_long' in r else r['libelle_appellation_court'])
    F, seed, rnd = BATCHES[batch]
    F = F.split()
    os.makedirs('fiches',exist_ok=True)
    for f in F:
        with open(f'fiches/{f}.txt','w') as o:
            o.write(f"# {f} {fiche[f]}\n# appellations: {' ; '.join(apps[f][:25])}\n# code\tkind\tcore\tlabel\n")
            for c in sorted(set(items[f]), key=lambda c:(core.get((f,c),'')!='Principale', kind[c], c)):
                o.write(f"{c}\t{kind[c]}\t{core.get((f,c),'') or '-'}\t{lab[c]}\n")
        print(f, len(set(items[f])), sum(core.get((f,c))=='Principale' for c in set(items[f])))
    random.seed(seed)
    print(rnd, sorted(random.sample(F,8)))


if __name__ == "__main__":
    import sys
    main(sys.argv[1] if len(sys.argv) > 1 else "1")

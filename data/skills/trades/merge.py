# Merges the reviewed per-fiche variant files (DIR/FICHE.tsv) into the block of variants.tsv
# lines, each scoped to its fiche and to the ROME 4.0 fiches of the same trade split from it
# (SIBLINGS). Usage: merge.py scoped DIR (or `unscoped`, to measure them unscoped).
import glob, sys, collections
SIBLINGS = {
    "K2204": "K2205", "A1203": "A1208 A1211", "N4105": "N4120 N4121", "M1601": "M1614",
    "N1105": "N1106", "G1603": "G1607", "M1203": "M1213 M1225", "K2503": "K2504",
    "D1202": "D1216 D1220", "K1303": "K1307 K1310 K1314", "G1203": "G1235", "A1405": "A1418",
    "F1603": "F1620",
    # Second batch.
    "A1414": "A1433 A1441", "H2102": "H2105", "M1607": "M1613", "N1103": "N1113 N1115",
    "D1402": "D1416", "G1801": "G1808", "G1204": "G1209 G1215", "I1304": "I1335",
    "K1207": "K1208", "D1102": "D1108", "N4103": "N4109", "D1407": "D1420", "A1416": "A1419",
    "F1607": "F1616 F1617", "D1104": "D1117", "D1403": "D1424", "G1703": "G1706",
    # Third batch.
    "N4101": "N4113 N4115 N4116", "N1101": "N1112", "K1302": "K1306 K1311",
    "G1602": "G1606 G1609", "H2913": "H2915 H2916 H2917", "H1206": "H1218", "I1401": "I1409",
    "D1101": "D1109", "H3301": "H3305", "I1606": "I1609 I1621", "E1103": "E1112",
    "M1707": "M1715", "A1401": "A1444", "D1301": "D1302", "K1206": "K1217", "E1205": "E1210",
    # Fourth batch.
    "H2502": "H2507 H2510", "F1201": "F1208", "F1202": "F1206 F1209", "D1406": "D1417",
    "M1608": "M1611", "J1305": "J1310", "H1503": "H1531", "H2301": "H2304",
    "H1502": "H1508 H1515", "F1605": "F1622",
    # Fifth batch (sixteenth session): the bundled offers' fiches are ROME 4.0 codes already.
    # Sixth batch.
    "F1101": "F1121 F1127", "G1604": "G1612", "K1204": "K1226", "D1404": "D1426",
    "A1413": "A1422 A1443 A1446", "K2304": "K2308", "K1203": "K1215 K1224", "B1803": "B1813",
    # Seventh batch.
    "A1201": "A1209 A1210", "G1802": "G1810", "I1402": "I1408",
}
mode = sys.argv[1] if len(sys.argv) > 1 else 'scoped'
out = []
for path in sorted(glob.glob(sys.argv[2] + '/*.tsv')):
    f = path.rsplit('/', 1)[-1][:-4]
    scope = ' '.join([f] + SIBLINGS.get(f, '').split())
    for line in open(path):
        line = line.rstrip('\n')
        if not line.strip():
            continue
        if line.startswith('#'):
            out.append(line); continue
        code, vars_, _ = line.split('\t')
        vs = '|'.join(v.strip() for v in vars_.split('|') if v.strip())
        out.append(f"{code}\t{vs}\t{scope}" if mode == 'scoped' else f"{code}\t{vs}")
print('\n'.join(out))

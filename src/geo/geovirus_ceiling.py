#!/usr/bin/env python3
"""How far the gazetteer alone gets on GeoVirus gold toponyms (no context).

For every gold <location> of GeoVirus.xml, looks its <name> up with
`sitrep_gazetteer lookup` and reports the share that has any candidate, any
candidate within 161 km of the gold point, and a first (most important)
candidate within 161 km -- the ceiling and the context-free baseline for the
places stage, plus the most frequent misses.

  python3 src/geo/geovirus_ceiling.py [--tool build/sitrep_gazetteer]
      [--index build/gazetteer.sgz] [--corpus ../shared/corpora/geovirus/GeoVirus.xml]
"""
import argparse
import collections
import math
import os
import subprocess
import sys
import xml.etree.ElementTree as ET


def km(lat1, lon1, lat2, lon2):
    r = math.pi / 180
    a = (math.sin((lat2 - lat1) * r / 2) ** 2 +
         math.cos(lat1 * r) * math.cos(lat2 * r) * math.sin((lon2 - lon1) * r / 2) ** 2)
    return 2 * 6371.0088 * math.asin(math.sqrt(min(1.0, a)))


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root_dir = os.path.dirname(os.path.dirname(here))
    p = argparse.ArgumentParser()
    p.add_argument("--tool", default=os.path.join(root_dir, "build", "sitrep_gazetteer"))
    p.add_argument("--index", default=os.path.join(root_dir, "build", "gazetteer.sgz"))
    p.add_argument("--corpus", default=os.path.join(root_dir, "..", "shared", "corpora",
                                                    "geovirus", "GeoVirus.xml"))
    args = p.parse_args()
    if not os.path.exists(args.corpus):
        print(f"skipped: no GeoVirus corpus at {args.corpus}")
        return 0
    gold = []
    for loc in ET.parse(args.corpus).getroot().iter("location"):
        gold.append((loc.findtext("name"), float(loc.findtext("lat")), float(loc.findtext("lon"))))
    names = sorted({g[0] for g in gold})
    out = subprocess.run([args.tool, "lookup", args.index] + names, capture_output=True,
                         text=True, check=True).stdout
    cands, cur = {}, None
    for line in out.split("\n"):
        if not line or line.startswith("#"):
            continue
        if line.startswith("  "):
            f = line.strip().split("\t")
            cands[cur].append((f[0], float(f[3]), float(f[4]), f[6]))
        else:
            cur = line.split("\t")[0]
            cands[cur] = []
    found = near_any = near_first = 0
    missing, wrong_first = collections.Counter(), collections.Counter()
    by_prec, by_prec_ok = collections.Counter(), collections.Counter()
    for name, lat, lon in gold:
        c = cands.get(name, [])
        if not c:
            missing[name] += 1
            continue
        found += 1
        if any(km(lat, lon, x[1], x[2]) <= 161 for x in c):
            near_any += 1
        ok = km(lat, lon, c[0][1], c[0][2]) <= 161
        near_first += ok
        by_prec[c[0][3]] += 1
        by_prec_ok[c[0][3]] += ok
        if not ok:
            wrong_first[name] += 1
    n = len(gold)
    print(f"gold toponyms {n}: in the gazetteer {found} ({found / n:.3f}); "
          f"some candidate within 161 km {near_any} ({near_any / n:.3f}); "
          f"first candidate within 161 km {near_first} ({near_first / n:.3f})")
    print("first candidate within 161 km, by its precision: " +
          ", ".join(f"{k} {by_prec_ok[k]}/{v}" for k, v in by_prec.most_common()))
    print("most frequent misses: " + ", ".join(f"{k} {v}" for k, v in missing.most_common(15)))
    print("most frequent far first candidates: " +
          ", ".join(f"{k} {v}" for k, v in wrong_first.most_common(15)))
    return 0


if __name__ == "__main__":
    sys.exit(main())

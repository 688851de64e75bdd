#!/usr/bin/env python3
"""Builds us-places.txt.gz (embedded in CustomerCore) from ../shared/data/gazetteer.

Sections (one record a line, fields separated by '|'):
  #suffix  ABBR|VARIANT|...          USPS Pub 28 C1 primary suffix + abbreviation, plus libpostal (MIT) spellings
  #state   CODE|FIPS|Name|VARIANT|...  USPS state codes (Pub 28 App. B), Census FIPS, libpostal and AP-style variants
  #city    ST|Name|Name|...          GeoNames (CC-BY 4.0) populated places with population >= 1000, per state;
                                     a leading '*' marks places of 100,000 or more
Run: python3 build-us-places.py /work/shared/data/gazetteer
"""
import csv, gzip, os, sys, collections

root = sys.argv[1] if len(sys.argv) > 1 else '/work/shared/data/gazetteer'
out = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'us-places.txt.gz')

def norm(s):
    return ' '.join(s.upper().replace('.', ' ').replace('-', ' ').split()) if False else ' '.join(s.upper().replace('.', '').split())

lines = ['#suffix']
primary = {}
for row in csv.DictReader(open(os.path.join(root, 'us_usps/usps_pub28_c1_street_suffixes_primary.csv'), encoding='utf-8-sig')):
    primary[row['name'].strip().upper()] = row['Abbreviation'].strip().upper()
variants = collections.defaultdict(set)
for name, abbr in primary.items():
    variants[abbr].update([name, abbr])
# libpostal spellings of the same suffix; single letters and words that are usually something else are left out.
skip = {'C', 'AL', 'BY', 'BL', 'BD', 'BK', 'CN', 'GR', 'ST', 'E', 'W', 'N', 'S', 'DE', 'IN', 'OR', 'ME', 'HI', 'OK', 'MI'}
for line in open(os.path.join(root, 'libpostal_dictionaries/en/street_types.txt'), encoding='utf-8'):
    parts = [p.strip().upper() for p in line.strip().split('|') if p.strip()]
    if not parts or parts[0] not in primary:
        continue
    abbr = primary[parts[0]]
    for v in parts[1:]:
        v = v.replace('.', '')
        if len(v) >= 2 and ' ' not in v and v not in skip and v not in primary:
            variants[abbr].add(v)
variants['ST'].add('ST')
for abbr in sorted(variants):
    lines.append('|'.join([abbr] + sorted(variants[abbr] - {abbr})))

lines.append('#state')
extra = {
    'AL': 'ALA', 'AZ': 'ARIZ', 'AR': 'ARK', 'CA': 'CALIF|CAL|CALI', 'CO': 'COLO|COLOR', 'CT': 'CONN', 'DE': 'DEL',
    'FL': 'FLA|FLOR', 'GA': '', 'IL': 'ILL|ILLS', 'IN': 'IND', 'KS': 'KAN|KANS', 'KY': 'KEN|KENT', 'LA': '',
    'MD': '', 'MA': 'MASS', 'MI': 'MICH', 'MN': 'MINN', 'MS': 'MISS', 'MO': '', 'MT': 'MONT', 'NE': 'NEB|NEBR',
    'NV': 'NEV', 'NH': 'N H', 'NJ': 'N J', 'NM': 'N M|N MEX', 'NY': 'N Y', 'NC': 'N C|N CAR', 'ND': 'N D|N DAK',
    'OK': 'OKLA', 'OR': 'ORE|OREG', 'PA': 'PENN|PENNA', 'RI': 'R I', 'SC': 'S C|S CAR', 'SD': 'S D|S DAK',
    'TN': 'TENN', 'TX': 'TEX', 'VT': '', 'VA': '', 'WA': 'WASH', 'WV': 'W VA|W V', 'WI': 'WIS|WISC', 'WY': 'WYO',
    'DC': 'D C', 'PR': 'P R',
}
for row in csv.DictReader(open(os.path.join(root, 'us_usps/us_states.csv'), encoding='utf-8-sig')):
    code, name = row['usps_code'].strip(), row['name'].strip()
    vs = {norm(name)}
    vs.update(v for v in extra.get(code, '').split('|') if v)
    vs.discard(code)
    lines.append('|'.join([code, row['fips'].strip(), name] + sorted(vs)))

lines.append('#city')
cities = collections.defaultdict(set)
for row in csv.DictReader(open(os.path.join(root, 'geonames/cities_pop1000_US.csv'), encoding='utf-8')):
    if row['admin1'] and row['name']:
        big = int(row['population'] or 0) >= 100000
        cities[row['admin1']].add(('*' if big else '') + row['name'].strip())
for st in sorted(cities):
    lines.append('|'.join([st] + sorted(cities[st], key=lambda n: n.lstrip('*'))))

with gzip.open(out, 'wt', encoding='utf-8', compresslevel=9) as f:
    f.write('\n'.join(lines) + '\n')
print(out, os.path.getsize(out), 'bytes;', sum(len(v) for v in cities.values()), 'cities')

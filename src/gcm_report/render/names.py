"""Names of countries, regions and organizations as the United Nations writes them.

Countries: the reference table ``un_names.yaml`` first (the UN's short names, e.g.
多民族玻利维亚国, Bolivia (Plurinational State of)), then CLDR through Babel. Regions:
CLDR's M49 names. Organizations: the reference ``entities``. A name missing in the
output language falls back to English (then any language), and says which language
it is in, so the page can mark it with ``lang``.

:class:`Mentions` follows the seed's style for running text: the full name with its
abbreviation at first mention, 国际移民组织(移民组织), the abbreviation afterwards.
"""

from __future__ import annotations

from typing import NamedTuple

import pycountry
from babel import Locale

from gcm_report.reference import Reference, load_reference
from gcm_report.render.i18n import BABEL_LOCALES, conventions

ORIGINAL = "und"


class Localized(NamedTuple):
    """A text and the language it is actually in (which may differ from the page's)."""

    text: str
    lang: str


def pick(texts: dict[str, str], lang: str, fallback: str = "en") -> Localized | None:
    """The text in `lang`, else in the fallback language, else in the first language there is."""
    if not texts:
        return None
    for candidate in (lang, fallback, ORIGINAL):
        if texts.get(candidate):
            return Localized(texts[candidate], candidate)
    key = sorted(texts)[0]
    return Localized(texts[key], key)


def _locale(lang: str) -> Locale:
    return Locale.parse(BABEL_LOCALES.get(lang, lang))


def _alpha2(alpha3: str) -> str:
    country = pycountry.countries.get(alpha_3=alpha3)
    if country is None:
        raise KeyError(f"unknown country code {alpha3!r}")
    return str(country.alpha_2)


def country_name(code: str, lang: str, *, short: bool = False, reference: Reference | None = None) -> str:
    """A Member State's UN name in a language; `short` gives the running-text form (联合王国)."""
    entry = (reference or load_reference()).country_names.get(code) or {}
    if short:
        shorts = entry.get("short") or {}
        if shorts.get(lang):
            return str(shorts[lang])
    if entry.get(lang):
        return str(entry[lang])
    return str(_locale(lang).territories[_alpha2(code)])


def region_name(m49: str, lang: str) -> str:
    """An M49 region's name from CLDR: '002' is Africa / 非洲."""
    return str(_locale(lang).territories[m49])


def entity_name(key: str, lang: str, *, reference: Reference | None = None) -> Localized:
    """An organization's full name from the reference entities."""
    entity = (reference or load_reference()).entities[key]
    found = pick(entity.name, lang)
    return found if found is not None else Localized(key, "en")


def entity_short(key: str, lang: str, *, reference: Reference | None = None) -> str | None:
    """An organization's abbreviation in a language, if the UN uses one there."""
    entity = (reference or load_reference()).entities[key]
    return entity.short.get(lang)


def english_sort_name(*, country: str | None, entity: str | None, name: dict[str, str] | None,
                      reference: Reference | None = None) -> str:
    """The English name a submitter is ordered by, in every language version (UN practice)."""
    if country:
        return country_name(country, "en", reference=reference)
    if entity:
        return entity_name(entity, "en", reference=reference).text
    found = pick(name or {}, "en")
    return found.text if found else ""


class Mentions:
    """Names in running text: full name with abbreviation first, abbreviation afterwards.

    One instance per rendered document; templates call it in reading order, so the
    first paragraph that names IOM says 国际移民组织(移民组织) and later ones 移民组织.
    """

    def __init__(self, lang: str, reference: Reference | None = None) -> None:
        self.lang = lang
        self.reference = reference or load_reference()
        self.seen: set[str] = set()

    def _first(self, key: str) -> bool:
        if key in self.seen:
            return False
        self.seen.add(key)
        return True

    def _with_short(self, key: str, full: Localized, short: Localized | None) -> Localized:
        if short is None or short.text == full.text:
            return full
        if self._first(key):
            if full.lang != short.lang:
                return full
            open_, close = ("(", ")")
            return Localized(f"{full.text}{conventions(full.lang).space}{open_}{short.text}{close}", full.lang)
        return short

    def country(self, code: str) -> Localized:
        """大不列颠及北爱尔兰联合王国 at first mention, 联合王国 afterwards."""
        full = country_name(code, self.lang, reference=self.reference)
        short = country_name(code, self.lang, short=True, reference=self.reference)
        if short == full:
            return Localized(full, self.lang)
        return Localized(full if self._first("country:" + code) else short, self.lang)

    def entity(self, key: str) -> Localized:
        """国际移民组织(移民组织) at first mention, 移民组织 afterwards."""
        full = entity_name(key, self.lang, reference=self.reference)
        short_text = entity_short(key, self.lang, reference=self.reference)
        short = Localized(short_text, self.lang) if short_text else None
        return self._with_short("entity:" + key, full, short)

    def named(self, key: str, name: dict[str, str], short_name: dict[str, str]) -> Localized:
        """An organization known only by the names its submission gives."""
        full = pick(name, self.lang) or Localized(key, "en")
        short = pick(short_name, self.lang) if short_name else None
        if short is not None and short.lang != full.lang:
            short = None
        return self._with_short("name:" + key, full, short)

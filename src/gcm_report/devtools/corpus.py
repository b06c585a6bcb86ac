"""Generate corpora of realistic, valid submissions, optionally with known errors.

Tests and benchmarks need thousands of submissions shaped like real ones:
categories in the proportions A/75/542 received (54 : 2 : 16 : 9), 5 to 20
practices each, objectives cited about as often as the seed cites them, English
and Chinese summaries of realistic length, sources. The same seed gives the same
bytes. With `errors`, some files carry one known error each, and the manifest
says which, so a test can check that validation finds exactly those.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gcm_report.reference import load_reference

PROPORTIONS = {"member-state": 54, "intergovernmental-organization": 2, "un-entity": 16, "stakeholder": 9}
FOLDERS = {"member-state": "member-states", "intergovernmental-organization": "intergovernmental-organizations",
           "un-entity": "un-entities", "stakeholder": "stakeholders"}
# How often the seed's chapter V cites each objective, smoothed so none is absent.
WEIGHTS = {1: 3, 2: 4, 3: 2, 4: 3, 5: 3, 6: 3, 7: 5, 8: 2, 9: 2, 10: 5, 11: 3, 12: 2, 13: 4, 14: 3, 15: 4,
           16: 2, 17: 4, 18: 1, 19: 2, 20: 1, 21: 4, 22: 1, 23: 5}
INJECTABLE = ("unknown-field", "objective-range", "unknown-principle", "url-scheme", "invalid-date",
              "wrong-type", "unknown-language", "duplicate-submitter")

_EN_ACTORS = ["The Ministry of Labour", "The national statistics office", "The Ministry of the Interior",
              "The Government", "Local authorities", "The migration agency", "The Ministry of Health",
              "The Ministry of Foreign Affairs", "Municipal governments", "The national human rights institution"]
_EN_VERBS = ["launched", "adopted", "expanded", "piloted", "revised", "set up", "funded", "strengthened"]
_EN_OBJECTS = ["a programme of", "a national strategy on", "guidelines for", "training on", "a helpline for",
               "a data platform on", "legislation on", "a regional dialogue on", "an information campaign on"]
_EN_TOPICS = ["fair recruitment of migrant workers", "access to health care for migrants",
              "alternatives to immigration detention", "the reintegration of returnees", "consular assistance",
              "the identification of victims of trafficking", "portable social security benefits",
              "cheaper remittance transfers", "birth registration of migrant children",
              "skills recognition for migrants", "climate-related displacement", "search and rescue at sea",
              "countering xenophobia", "disaggregated migration data", "border officials' human rights training"]
_EN_TAILS = ["with the support of civil society organizations", "in cooperation with international partners",
             "reaching several thousand migrants in its first year", "in all regions of the country",
             "as part of its whole-of-government approach", "with particular attention to women and children",
             "following consultations with migrant associations", "in line with the guiding principles"]
_ZH_ACTORS = ["劳工部", "国家统计局", "内政部", "政府", "地方当局", "移民署", "卫生部", "外交部", "各市政府", "国家人权机构"]
_ZH_VERBS = ["启动了", "通过了", "扩大了", "试行了", "修订了", "设立了", "资助了", "加强了"]
_ZH_OBJECTS = ["一项关于", "一项国家战略，涉及", "一套指导方针，用于", "一项培训，内容为", "一条服务热线，用于",
               "一个数据平台，涉及", "一项立法，涉及", "一项区域对话，涉及", "一项宣传运动，涉及"]
_ZH_TOPICS = ["公平招聘移民工人", "移民获得医疗保健", "移民拘留的替代办法", "回返者重新融入", "领事援助", "识别贩运受害者",
              "社会保障权益可携带", "降低汇款成本", "移民儿童出生登记", "承认移民技能", "与气候有关的流离失所",
              "海上搜救", "消除仇外心理", "分类移民数据", "边境官员人权培训"]
_ZH_TAILS = ["得到民间社会组织的支持", "与国际合作伙伴协作开展", "第一年惠及数千名移民", "覆盖全国各地区",
             "作为全政府办法的一部分", "特别关注妇女和儿童", "此前与移民协会进行了协商", "符合各项指导原则"]


@dataclass
class Corpus:
    """What was generated: the files, and the errors injected (file name -> code)."""

    files: list[Path] = field(default_factory=list)
    errors: dict[str, str] = field(default_factory=dict)


def _sentence_en(rng: random.Random) -> str:
    return (f"{rng.choice(_EN_ACTORS)} {rng.choice(_EN_VERBS)} {rng.choice(_EN_OBJECTS)} "
            f"{rng.choice(_EN_TOPICS)}, {rng.choice(_EN_TAILS)}.")


def _sentence_zh(rng: random.Random) -> str:
    return f"{rng.choice(_ZH_ACTORS)}{rng.choice(_ZH_VERBS)}{rng.choice(_ZH_OBJECTS)}{rng.choice(_ZH_TOPICS)}，{rng.choice(_ZH_TAILS)}。"


def _practice(rng: random.Random, index: int, slug: str) -> dict[str, Any]:
    objectives = rng.choices(list(WEIGHTS), weights=list(WEIGHTS.values()), k=rng.randint(1, 3))
    objectives = list(dict.fromkeys(objectives))
    topic = rng.randrange(len(_EN_TOPICS))
    practice: dict[str, Any] = {
        "title": {"en": f"Practice {index + 1}: {_EN_TOPICS[topic]}", "zh": f"做法{index + 1}：{_ZH_TOPICS[topic]}"},
        "summary": {"en": " ".join(_sentence_en(rng) for _ in range(rng.randint(2, 5))),
                    "zh": "".join(_sentence_zh(rng) for _ in range(rng.randint(2, 5)))},
        "objectives": objectives,
    }
    if objectives[0] == 7:
        practice["area"] = rng.choice(["A", "B"])
    if rng.random() < 0.5:
        keys = list(load_reference().principles)
        practice["principles"] = sorted(rng.sample(keys, rng.randint(1, 3)), key=keys.index)
    if rng.random() < 0.4:
        practice["partners"] = rng.sample(["IOM", "ILO", "UNICEF", "UNHCR", "WHO", "OHCHR", "UNODC"], rng.randint(1, 2))
    start = rng.randint(2016, 2020)
    practice["period"] = {"start": start, "end": rng.randint(start, 2020)} if rng.random() < 0.5 else {"start": start}
    practice["sources"] = [{"url": f"https://www.example.org/{slug}/practice-{index + 1}"}]
    return practice


def _counts(n: int) -> dict[str, int]:
    total = sum(PROPORTIONS.values())
    counts = {k: n * v // total for k, v in PROPORTIONS.items()}
    counts["member-state"] += n - sum(counts.values())
    overflow = max(0, counts["member-state"] - 193)
    counts["member-state"] -= overflow  # there are only 193 Member States
    counts["stakeholder"] += overflow
    return counts


def _submission(rng: random.Random, category: str, index: int, states: list[str]) -> tuple[str, dict[str, Any]]:
    if category == "member-state":
        code = states[index]
        submitter: dict[str, Any] = {"category": category, "country": code}
        slug = code.lower()
    else:
        label = {"intergovernmental-organization": ("Regional Organization", "区域组织"),
                 "un-entity": ("United Nations Entity", "联合国实体"), "stakeholder": ("Civil Society Network", "民间社会网络")}
        en, zh = label[category]
        submitter = {"category": category, "name": {"en": f"{en} {index + 1}", "zh": f"{zh}{index + 1}"}}
        slug = f"{FOLDERS[category][:-1]}-{index + 1:04d}"
    doc: dict[str, Any] = {"schema_version": 1, "cycle": 2020, "language": "en",
                           "submitted": f"2020-{rng.randint(5, 9):02d}-{rng.randint(1, 28):02d}",
                           "submitter": submitter}
    if category == "member-state" and rng.random() < 0.3:
        doc["implementation"] = {"champion": rng.random() < 0.2, "arrangements": [{
            "kind": "national-plan", "status": rng.choice(["planned", "in-preparation", "adopted"]),
            "actions": rng.randint(10, 120),
            "summary": {"en": _sentence_en(rng), "zh": _sentence_zh(rng)}}]}
    if rng.random() < 0.3:
        doc["covid19"] = [{"summary": {"en": _sentence_en(rng), "zh": _sentence_zh(rng)},
                           "objectives": [rng.choice([3, 5, 13, 14, 15, 21])]}]
    doc["practices"] = [_practice(rng, i, slug) for i in range(rng.randint(5, 20))]
    return f"{FOLDERS[category]}/{slug}.yaml", doc


def _inject(doc: dict[str, Any], code: str, states: list[str]) -> None:
    practice = doc["practices"][0]
    if code == "unknown-field":
        practice["colour"] = "blue"
    elif code == "objective-range":
        practice["objectives"] = [24]
        practice.pop("area", None)
    elif code == "unknown-principle":
        practice["principles"] = ["human-right"]
    elif code == "url-scheme":
        practice["sources"] = [{"url": "www.example.org/no-scheme"}]
    elif code == "invalid-date":
        practice["period"] = {"start": "2019-13"}
    elif code == "wrong-type":
        practice["covid19"] = "yes"
    elif code == "unknown-language":
        practice["title"] = dict(practice["title"], xx="?")
    elif code == "duplicate-submitter":
        doc["submitter"] = {"category": "member-state", "country": states[0]}


def to_yaml(value: Any, indent: int = 0) -> str:
    """Block-style YAML with JSON-quoted scalars: valid YAML 1.2, fast, and byte-stable."""
    pad = " " * indent
    if isinstance(value, dict):
        lines = []
        for key, item in value.items():
            if isinstance(item, (dict, list)) and item:
                lines.append(f"{pad}{key}:\n{to_yaml(item, indent + 2)}")
            else:
                lines.append(f"{pad}{key}: {to_yaml(item)}")
        return "\n".join(lines)
    if isinstance(value, list):
        if not value:
            return "[]"
        if all(isinstance(v, (int, str)) and not isinstance(v, bool) for v in value):
            return pad + "- " + f"\n{pad}- ".join(json.dumps(v, ensure_ascii=False) for v in value)
        rows = []
        for item in value:
            body = to_yaml(item, indent + 2)
            rows.append(f"{pad}- {body[indent + 2:]}")
        return "\n".join(rows)
    if value == {}:
        return "{}"
    return json.dumps(value, ensure_ascii=False)


def documents(n: int, *, seed: int = 1, errors: int = 0) -> tuple[list[tuple[str, dict[str, Any]]], dict[str, str]]:
    """The `n` submissions as (file name, document), and the injected errors by file name."""
    rng = random.Random(seed)
    states = sorted(load_reference().member_states)
    rng.shuffle(states)
    items: list[tuple[str, dict[str, Any]]] = []
    for category, count in _counts(n).items():
        items += [_submission(rng, category, i, states) for i in range(count)]
    first_state = min((name for name, _ in items if name.startswith("member-states/")), default="")
    target = first_state.split("/")[-1].removesuffix(".yaml").upper()
    injected: dict[str, str] = {}
    chosen = rng.sample(range(len(items)), min(errors, len(items) - 1)) if errors else []
    for k, position in enumerate(sorted(chosen)):
        name, doc = items[position]
        code = INJECTABLE[k % len(INJECTABLE)]
        if code == "duplicate-submitter" and name <= first_state:
            code = INJECTABLE[0]  # the duplicate is reported on the later file: keep the count exact
        _inject(doc, code, [target])
        injected[name] = code
    return items, injected


def generate(out: Path, n: int, *, seed: int = 1, errors: int = 0) -> Corpus:
    """Write `n` submissions under `out`; `errors` of them (at most one each) carry a known error."""
    items, injected = documents(n, seed=seed, errors=errors)
    corpus = Corpus(errors=injected)
    for name, doc in items:
        path = out / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"# Generated submission (seed {seed}); not real data.\n" + to_yaml(doc) + "\n",
                        encoding="utf-8")
        corpus.files.append(path)
    (out / "expected-errors.json").write_text(json.dumps(corpus.errors, indent=2, sort_keys=True) + "\n")
    return corpus

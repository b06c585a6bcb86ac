"""A submission skeleton: the quickest way for a focal point to start a valid file."""

from __future__ import annotations

import datetime as dt
from importlib import resources
from pathlib import Path

from pydantic import ValidationError

from gcm_report.schema.submission import CATEGORIES, Submitter


class SkeletonError(Exception):
    """Why a skeleton cannot be written, in words for the user."""


def default_cycle(config_path: Path) -> int:
    """The report year of the project's configuration, or this year when there is none."""
    from gcm_report.validate import load_config

    config, _ = load_config(config_path) if config_path.is_file() else (None, [])
    return config.cycle.year if config is not None else dt.date.today().year


def skeleton_path(name: str, folder: Path) -> Path:
    """`kenya` -> submissions/kenya.yaml; a name with a folder or suffix is taken as given."""
    path = Path(name)
    if path.suffix not in (".yaml", ".yml"):
        path = path.with_name(path.name + ".yaml")
    return path if len(path.parts) > 1 else folder / path


def render_skeleton(*, category: str, country: str | None, language: str, cycle: int, path: Path,
                    today: dt.date | None = None) -> str:
    """The skeleton's text; refuses a category or country the schema would refuse."""
    if category not in CATEGORIES:
        raise SkeletonError(f"unknown category {category!r}; use one of: {', '.join(CATEGORIES)}")
    raw = {"category": category, "country": country}
    if category != "member-state":
        raw["name"] = path.stem.replace("-", " ").title()
    try:
        Submitter.model_validate({k: v for k, v in raw.items() if v is not None})
    except ValidationError as err:
        first = err.errors()[0]
        raise SkeletonError(f"{first['type']}: check --category and --country "
                            f"(Member States need --country with an ISO alpha-3 code such as KEN)") from None
    lines = [f"  category: {category}"]
    if country:
        lines.append(f"  country: {country}")
    else:
        lines.append(f"  name: {{{language}: \"{raw['name']}\"}}")
    template = resources.files(__package__).joinpath("skeleton.yaml").read_text(encoding="utf-8")
    return template.format(name=country or raw.get("name"), cycle=cycle, language=language,
                           today=(today or dt.date.today()).isoformat(), submitter="\n".join(lines),
                           contact="Name of the focal point", path=path)


def write_skeleton(path: Path, *, category: str, country: str | None, language: str, cycle: int) -> None:
    """Write the skeleton, never over an existing file."""
    text = render_skeleton(category=category, country=country, language=language, cycle=cycle, path=path)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("x", encoding="utf-8") as handle:
            handle.write(text)
    except FileExistsError:
        raise SkeletonError(f"{path} exists already; choose another name") from None

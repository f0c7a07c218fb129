"""Load and check every content file, collecting all problems in plain words.

A broken file is skipped with a message naming the file, the field and what is wrong;
the kiosk runs on the files that are valid.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from kiosk.content.models import (
    ELEMENT_KINDS,
    MAX_BULLETIN_DAYS,
    STEP_KINDS,
    Bulletin,
    BulletinFile,
    Category,
    CategoryFile,
    InfoStep,
    PracticeStep,
    QuizStep,
    Screen,
    TryStep,
    Tutorial,
)
from kiosk.system.safe_files import UnreadableFileError, read_toml
from kiosk.text.icon_names import known_icon
from kiosk.text.strings import ui_text

BUNDLED_CONTENT = Path(__file__).resolve().parent.parent / "tutorials"
CATEGORIES_FILE = "categories.toml"
BULLETINS_FILE = "bulletins.toml"  # optional: the ward's scam bulletins, shipped and signed in the same pack


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one content file."""

    file: str
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.field}: " if self.field else ""
        return f"{self.file}: {where}{self.message}"


@dataclass
class Catalog:
    """What the kiosk can show, plus what it refused to load and why."""

    categories: list[Category] = field(default_factory=list)
    tutorials: list[Tutorial] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    files: dict[str, str] = field(default_factory=dict)
    bulletins: list[Bulletin] = field(default_factory=list)

    def published(self, category_id: str | None = None) -> list[Tutorial]:
        return [
            tutorial
            for tutorial in self.tutorials
            if not tutorial.draft and (category_id is None or tutorial.category == category_id)
        ]

    def drafts(self) -> list[Tutorial]:
        return [tutorial for tutorial in self.tutorials if tutorial.draft]

    def category(self, category_id: str) -> Category:
        return next(category for category in self.categories if category.id == category_id)

    def tutorial(self, tutorial_id: str) -> Tutorial:
        return next(tutorial for tutorial in self.tutorials if tutorial.id == tutorial_id)


# --- plain-word messages ----------------------------------------------------

_LANGUAGE_NAMES = {"vi": "Vietnamese", "en": "English"}


def _field_path(loc: tuple[int | str, ...]) -> str:
    """Turn pydantic's loc into `steps[3].screen.elements[0].text`, dropping union tags."""
    parts: list[str] = []
    for index, item in enumerate(loc):
        if isinstance(item, int):
            parts.append(f"[{item}]")
        elif (
            index > 1
            and isinstance(loc[index - 1], int)
            and loc[index - 2] in ("steps", "elements")
            and _is_union_tag(item)
        ):
            continue
        else:
            parts.append(("." if parts else "") + item)
    return "".join(parts)


def _is_union_tag(item: str) -> bool:
    """Pydantic puts the chosen `kind` into an error's path (`steps[1].practice.target`); the author never wrote it."""
    return item in STEP_KINDS or item in ELEMENT_KINDS


def _plain_message(error: ErrorDetails) -> str:
    kind = error["type"]
    loc = error["loc"]
    last = loc[-1] if loc else ""
    if kind == "missing":
        if last in _LANGUAGE_NAMES:
            return f"the {_LANGUAGE_NAMES[str(last)]} text is missing"
        return "is required but missing"
    if kind == "extra_forbidden":
        return f"'{last}' is not a known field here (a typo?)"
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "string_pattern_mismatch":
        return "must be lower-case letters, digits, '-' or '_', starting with a letter"
    if kind == "union_tag_invalid":
        context = error.get("ctx") or {}
        return f"unknown kind {context.get('tag')!r}; use one of {context.get('expected_tags')}"
    if kind == "union_tag_not_found":
        return "needs a 'kind' field"
    if kind == "too_short":
        return f"needs at least {(error.get('ctx') or {}).get('min_length')} entries"
    if kind == "string_too_long":
        return f"is longer than {(error.get('ctx') or {}).get('max_length')} characters"
    if kind == "too_long":
        return f"may have at most {(error.get('ctx') or {}).get('max_length')} entries"
    return f"{error['msg']} (got {repr(error['input'])[:80]})" if "input" in error else error["msg"]


def validation_problems(file: str, error: ValidationError) -> list[Problem]:
    return [Problem(file, _field_path(tuple(item["loc"])), _plain_message(item)) for item in error.errors()]


# --- cross-reference checks -------------------------------------------------


def _not_on_screen(name: str, screen: Screen | None) -> str:
    if screen is None:
        return f"'{name}' cannot be highlighted: this step has no screen"
    listed = ", ".join(screen.element_ids())
    return f"'{name}' is not an element of this step's screen (elements: {listed})"


def _screen_problems(file: str, where: str, screen: Screen) -> list[Problem]:
    problems: list[Problem] = []
    seen: set[str] = set()
    for index, element in enumerate(screen.elements):
        if element.id in seen:
            problems.append(Problem(file, f"{where}.elements[{index}].id", f"'{element.id}' is used twice"))
        seen.add(element.id)
        icon = getattr(element, "icon", None)
        if icon is not None and not known_icon(icon):
            problems.append(Problem(file, f"{where}.elements[{index}].icon", f"unknown icon '{icon}'"))
    return problems


def reference_problems(file: str, tutorial: Tutorial, category_ids: set[str]) -> list[Problem]:
    """Checks pydantic cannot do alone: names that must point at something that exists."""
    problems: list[Problem] = []
    if category_ids and tutorial.category not in category_ids:
        known = ", ".join(sorted(category_ids))
        problems.append(Problem(file, "category", f"unknown category '{tutorial.category}' (known: {known})"))
    step_ids: set[str] = set()
    for index, step in enumerate(tutorial.steps):
        where = f"steps[{index}]"
        if step.id in step_ids:
            problems.append(Problem(file, f"{where}.id", f"step id '{step.id}' is used twice"))
        step_ids.add(step.id)
        if step.screen is not None:
            problems += _screen_problems(file, f"{where}.screen", step.screen)
        problems += _step_reference_problems(file, where, step)
    return problems + _try_problems(file, tutorial)


def _try_problems(file: str, tutorial: Tutorial) -> list[Problem]:
    """A Tự làm step replays the practice steps before it, so it needs some and comes last."""
    problems: list[Problem] = []
    for index, step in enumerate(tutorial.steps):
        if not isinstance(step, TryStep):
            continue
        if not any(isinstance(before, PracticeStep) for before in tutorial.steps[:index]):
            problems.append(Problem(file, f"steps[{index}]", "a 'try' step needs practice steps before it to replay"))
        if index != len(tutorial.steps) - 1:
            problems.append(
                Problem(file, f"steps[{index}]", f"a 'try' step ({ui_text('try_badge', 'vi')}) must be the last step")
            )
    return problems


def _step_reference_problems(
    file: str, where: str, step: InfoStep | PracticeStep | QuizStep | TryStep
) -> list[Problem]:
    ids = set(step.screen.element_ids()) if step.screen else set()
    problems: list[Problem] = []
    if isinstance(step, InfoStep) and step.highlight is not None and step.highlight not in ids:
        problems.append(Problem(file, f"{where}.highlight", _not_on_screen(step.highlight, step.screen)))
    if isinstance(step, PracticeStep) and step.target not in ids:
        problems.append(Problem(file, f"{where}.target", _not_on_screen(step.target, step.screen)))
    if isinstance(step, QuizStep):
        correct = sum(1 for answer in step.answers if answer.correct)
        if correct != 1:
            problems.append(Problem(file, f"{where}.answers", f"exactly one answer must be correct (found {correct})"))
        for flag_index, flag in enumerate(step.flags):
            if flag.element not in ids:
                problems.append(
                    Problem(file, f"{where}.flags[{flag_index}].element", _not_on_screen(flag.element, step.screen))
                )
    return problems


# --- files ------------------------------------------------------------------


def _display_name(path: Path, root: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


MAX_TUTORIAL_BYTES = 256 * 1024  # one tutorial file; the largest bundled one has 14 KB
MAX_CATEGORIES_BYTES = 64 * 1024


def _read_toml(
    path: Path, name: str, problems: list[Problem], limit: int = MAX_TUTORIAL_BYTES
) -> dict[str, Any] | None:
    """Through the kiosk's one bounded file reader: never blocks, never raises; a problem names the file."""
    try:
        return read_toml(path, limit)
    except UnreadableFileError as problem:
        problems.append(Problem(name, "", problem.why))
    return None


def _stray_problems(root: Path, category_ids: set[str]) -> list[Problem]:
    """What the loader would otherwise skip without a word: a category whose folder is a file, `x.TOML`."""
    problems: list[Problem] = []
    for category in sorted(category_ids):
        folder = root / category
        if folder.exists() and not folder.is_dir():
            problems.append(Problem(_display_name(folder, root), "", "should be the category's folder but is a file"))
            continue
        try:
            inside = sorted(folder.iterdir()) if folder.is_dir() else []
        except OSError as error:
            problems.append(Problem(_display_name(folder, root), "", f"cannot be listed: {error.strerror or error}"))
            continue
        problems += [
            Problem(_display_name(path, root), "", f"ends in '{path.suffix}', not '.toml': ignored (rename it)")
            for path in inside
            if path.suffix.lower() == ".toml" and path.suffix != ".toml"
        ]
    return problems


def _load_categories(root: Path, catalog: Catalog) -> None:
    path = root / CATEGORIES_FILE
    name = _display_name(path, root)
    if not path.exists():
        catalog.problems.append(Problem(name, "", "is missing: no category can be shown"))
        return
    data = _read_toml(path, name, catalog.problems, MAX_CATEGORIES_BYTES)
    if data is None:
        return
    try:
        parsed = CategoryFile.model_validate(data)
    except ValidationError as error:
        catalog.problems += validation_problems(name, error)
        return
    seen: set[str] = set()
    for index, category in enumerate(parsed.categories):
        if category.id in seen:
            catalog.problems.append(Problem(name, f"categories[{index}].id", f"'{category.id}' is used twice"))
            continue
        if not known_icon(category.icon):
            catalog.problems.append(Problem(name, f"categories[{index}].icon", f"unknown icon '{category.icon}'"))
            continue
        seen.add(category.id)
        catalog.categories.append(category)


def _bulletin_problems(name: str, index: int, bulletin: Bulletin) -> list[Problem]:
    where = f"bulletins[{index}]"
    problems: list[Problem] = []
    if bulletin.expires < bulletin.issued:
        problems.append(Problem(name, f"{where}.expires", "is before 'issued'"))
    elif (bulletin.expires - bulletin.issued).days > MAX_BULLETIN_DAYS:
        problems.append(Problem(name, f"{where}.expires", f"is more than {MAX_BULLETIN_DAYS} days after 'issued'"))
    if bulletin.quiz is not None:
        problems += _step_reference_problems(name, f"{where}.quiz", bulletin.quiz)
    return problems


def _load_bulletins(root: Path, catalog: Catalog) -> None:
    """The optional bulletins file; a bad bulletin is left out with a message, the rest still show."""
    path = root / BULLETINS_FILE
    if not path.is_file():
        return
    name = _display_name(path, root)
    data = _read_toml(path, name, catalog.problems)
    if data is None:
        return
    try:
        parsed = BulletinFile.model_validate(data)
    except ValidationError as error:
        catalog.problems += validation_problems(name, error)
        return
    for index, bulletin in enumerate(parsed.bulletins):
        problems = _bulletin_problems(name, index, bulletin)
        catalog.problems += problems
        if not problems:
            catalog.bulletins.append(bulletin)


def load_tutorial(path: Path, name: str, category_ids: set[str]) -> tuple[Tutorial | None, list[Problem]]:
    problems: list[Problem] = []
    data = _read_toml(path, name, problems)
    if data is None:
        return None, problems
    try:
        tutorial = Tutorial.model_validate(data)
    except ValidationError as error:
        return None, validation_problems(name, error)
    problems = reference_problems(name, tutorial, category_ids)
    if path.parent.name != tutorial.category and not problems:
        problems.append(Problem(name, "category", f"is '{tutorial.category}' but the file is in '{path.parent.name}/'"))
    if path.stem != tutorial.id and not problems:
        problems.append(
            Problem(name, "id", f"is '{tutorial.id}' but the file is named '{path.name}' (they must match)")
        )
    return (None, problems) if problems else (tutorial, [])


def load_catalog(root: Path = BUNDLED_CONTENT) -> Catalog:
    """Load every category and tutorial under `root`; never raises for bad content."""
    catalog = Catalog()
    if not root.is_dir():
        catalog.problems.append(Problem(str(root), "", "content folder does not exist"))
        return catalog
    _load_categories(root, catalog)
    _load_bulletins(root, catalog)
    category_ids = {category.id for category in catalog.categories}
    catalog.problems += _stray_problems(root, category_ids)
    owners: dict[str, str] = {}
    for path in sorted(root.glob("*/*.toml")):
        name = _display_name(path, root)
        tutorial, problems = load_tutorial(path, name, category_ids)
        if tutorial is not None and tutorial.id in owners:
            problems = [Problem(name, "id", f"tutorial id '{tutorial.id}' is already used by {owners[tutorial.id]}")]
            tutorial = None
        catalog.problems += problems
        if tutorial is not None:
            owners[tutorial.id] = name
            catalog.tutorials.append(tutorial)
            catalog.files[tutorial.id] = name
    catalog.tutorials.sort(key=lambda tutorial: (tutorial.order, tutorial.id))
    return catalog


def format_report(catalog: Catalog) -> str:
    """The `--check-content` report: what is published, what is draft, what is wrong."""
    lines = [f"Categories: {len(catalog.categories)}"]
    for category in catalog.categories:
        tutorials = catalog.published(category.id)
        steps = sum(len(tutorial.steps) for tutorial in tutorials)
        practice = sum(1 for tutorial in tutorials for step in tutorial.steps if step.kind == "practice")
        quizzes = sum(tutorial.quiz_count for tutorial in tutorials)
        lines.append(
            f"  {category.id}: {len(tutorials)} tutorials, {steps} steps, "
            f"{practice} practice steps, {quizzes} quiz scenarios"
        )
    lines.append(f"Published tutorials: {len(catalog.published())}")
    drafts = catalog.drafts()
    lines.append(f"Drafts (never shown to residents): {len(drafts)}")
    for tutorial in drafts:
        note = f" — {tutorial.draft_note}" if tutorial.draft_note else ""
        lines.append(f"  {catalog.files[tutorial.id]}{note}")
    if catalog.problems:
        lines.append(f"Problems: {len(catalog.problems)}")
        lines += [f"  {problem}" for problem in catalog.problems]
    else:
        lines.append("Problems: none")
    return "\n".join(lines)

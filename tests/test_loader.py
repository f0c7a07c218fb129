"""The content loader on real files: every broken tree yields the exact problem, valid tutorials still load."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kiosk.content.lint import lint_catalog
from kiosk.content.loader import BUNDLED_CONTENT, Catalog, Problem, format_report, load_catalog
from kiosk.text.icon_names import known_icon

FIXTURE = Path(__file__).parent / "fixtures" / "content"
MAU = "content/demo/mau.toml"
HONG = "content/demo/hong.toml"
SCREEN_1_IDS = "app_bar, huong_dan, btn_dang_ky, btn_dang_nhap"


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the fixture catalog in tmp_path; the working directory is tmp_path so file names are short."""
    monkeypatch.chdir(tmp_path)
    target = tmp_path / "content"
    shutil.copytree(FIXTURE, target)
    return target


def edit(text: str, old: str, new: str) -> str:
    """Replace `old` (which must occur exactly once) by `new`."""
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
    return text.replace(old, new)


def mau_text(root: Path) -> str:
    return (root / "demo" / "mau.toml").read_text(encoding="utf-8")


def write_broken(root: Path, *edits: tuple[str, str], name: str = "hong", folder: str = "demo") -> Path:
    """Write a copy of mau.toml as `folder/name.toml` with id `name` and the given edits."""
    text = edit(mau_text(root), 'id = "mau"', f'id = "{name}"')
    for old, new in edits:
        text = edit(text, old, new)
    path = root / folder / f"{name}.toml"
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def ids(catalog: Catalog) -> list[str]:
    return [tutorial.id for tutorial in catalog.tutorials]


# --- the valid fixture ------------------------------------------------------


def test_fixture_catalog_loads_without_problems(root: Path) -> None:
    catalog = load_catalog(root)
    assert catalog.problems == []
    assert [category.id for category in catalog.categories] == ["demo"]
    assert ids(catalog) == ["mau"]
    assert catalog.files == {"mau": MAU}
    assert [step.kind for step in catalog.tutorial("mau").steps] == ["info", "practice", "quiz"]


def test_a_copy_with_its_own_id_is_a_second_valid_tutorial(root: Path) -> None:
    write_broken(root)
    catalog = load_catalog(root)
    assert catalog.problems == []
    assert ids(catalog) == ["hong", "mau"]


# --- one mistake per file ---------------------------------------------------


def test_unknown_field_is_reported_as_a_typo(root: Path) -> None:
    write_broken(root, ('source = "Viết cho bộ kiểm thử."', 'source = "Viết cho bộ kiểm thử."\ntitel = "Bài hỏng"'))
    catalog = load_catalog(root)
    assert catalog.problems == [Problem(HONG, "titel", "'titel' is not a known field here (a typo?)")]
    assert ids(catalog) == ["mau"]


def test_unknown_field_inside_a_step(root: Path) -> None:
    write_broken(root, ('target = "btn_dang_ky"', 'target = "btn_dang_ky"\ntagret = "btn_dang_ky"'))
    catalog = load_catalog(root)
    assert catalog.problems == [Problem(HONG, "steps[1].tagret", "'tagret' is not a known field here (a typo?)")]
    assert ids(catalog) == ["mau"]


def test_missing_english_translation(root: Path) -> None:
    write_broken(
        root,
        (
            'title = { vi = "Đây là nút “Đăng ký”", en = "This is the “Register” button" }',
            'title = { vi = "Đây là nút “Đăng ký”" }',
        ),
    )
    catalog = load_catalog(root)
    assert catalog.problems == [Problem(HONG, "steps[0].title.en", "the English text is missing")]
    assert ids(catalog) == ["mau"]


def test_missing_vietnamese_translation_on_a_screen_element(root: Path) -> None:
    write_broken(root, ('text = { vi = "Chào mừng bác", en = "Welcome" }', 'text = { en = "Welcome" }'))
    catalog = load_catalog(root)
    assert catalog.problems == [Problem(HONG, "steps[1].screen.elements[1].text.vi", "the Vietnamese text is missing")]
    assert ids(catalog) == ["mau"]


def test_missing_translation_in_quiz_answer_names_the_text_field(root: Path) -> None:
    """A quiz answer's `text` is a field, not a union tag: the path must keep it."""
    write_broken(root, ('{ text = { vi = "An toàn", en = "Safe" } }', '{ text = { vi = "An toàn" } }'))
    catalog = load_catalog(root)
    assert catalog.problems == [Problem(HONG, "steps[2].answers[1].text.en", "the English text is missing")]
    assert ids(catalog) == ["mau"]


def test_a_mistake_in_a_try_step_names_the_step_not_its_kind(root: Path) -> None:
    """Pydantic's path holds the union tag ("try"); the report shows the path the author wrote."""
    path = write_broken(root)
    path.write_text(
        path.read_text(encoding="utf-8") + '\n[[steps]]\nid = "tu_lam"\nkind = "try"\ntitle = { vi = "Bác tự làm" }\n',
        encoding="utf-8",
    )
    catalog = load_catalog(root)
    assert catalog.problems == [Problem(HONG, "steps[3].title.en", "the English text is missing")]


def test_empty_translation(root: Path) -> None:
    write_broken(root, ('en = "Scam or safe?"', 'en = "   "'))
    catalog = load_catalog(root)
    assert catalog.problems == [Problem(HONG, "steps[2].title.en", "must not be empty")]
    assert ids(catalog) == ["mau"]


def test_practice_target_not_on_the_screen(root: Path) -> None:
    write_broken(root, ('target = "btn_dang_ky"', 'target = "btn_dang_xuat"'))
    catalog = load_catalog(root)
    assert catalog.problems == [
        Problem(
            HONG,
            "steps[1].target",
            f"'btn_dang_xuat' is not an element of this step's screen (elements: {SCREEN_1_IDS})",
        )
    ]
    assert ids(catalog) == ["mau"]


def test_info_highlight_not_on_the_screen(root: Path) -> None:
    write_broken(root, ('highlight = "btn_dang_ky"', 'highlight = "nut_do"'))
    catalog = load_catalog(root)
    assert catalog.problems == [
        Problem(
            HONG,
            "steps[0].highlight",
            "'nut_do' is not an element of this step's screen (elements: app_bar, o_so, btn_dang_ky)",
        )
    ]
    assert ids(catalog) == ["mau"]


def test_quiz_flag_not_on_the_screen(root: Path) -> None:
    write_broken(root, ('{ element = "tin_nhan"', '{ element = "tin_nhan_la"'))
    catalog = load_catalog(root)
    assert catalog.problems == [
        Problem(
            HONG,
            "steps[2].flags[0].element",
            "'tin_nhan_la' is not an element of this step's screen (elements: app_bar, tin_nhan)",
        )
    ]
    assert ids(catalog) == ["mau"]


def test_duplicate_tutorial_id_in_two_files(root: Path) -> None:
    categories = root / "categories.toml"
    categories.write_text(
        categories.read_text(encoding="utf-8")
        + '\n[[categories]]\nid = "khac"\ntitle = { vi = "Khác", en = "Other" }\n'
        'subtitle = { vi = "Bài khác", en = "Other lessons" }\nicon = "star"\ntone = "green"\n',
        encoding="utf-8",
    )
    (root / "khac").mkdir()
    (root / "khac" / "mau.toml").write_text(
        edit(mau_text(root), 'category = "demo"', 'category = "khac"'), encoding="utf-8"
    )
    catalog = load_catalog(root)
    assert catalog.problems == [Problem("content/khac/mau.toml", "id", f"tutorial id 'mau' is already used by {MAU}")]
    assert ids(catalog) == ["mau"]
    assert catalog.tutorial("mau").category == "demo"
    assert catalog.files == {"mau": MAU}


def test_toml_syntax_error(root: Path) -> None:
    write_broken(root, ("reviewed = 2026-11-20", "reviewed = 2026-11-"))
    catalog = load_catalog(root)
    assert catalog.problems == [
        Problem(
            HONG,
            "",
            "is not valid TOML: Expected newline or end of document after a statement (at line 6, column 16)",
        )
    ]
    assert str(catalog.problems[0]).startswith(f"{HONG}: is not valid TOML: ")
    assert ids(catalog) == ["mau"]


def test_quiz_with_two_correct_answers(root: Path) -> None:
    write_broken(
        root,
        ('{ text = { vi = "An toàn", en = "Safe" } }', '{ text = { vi = "An toàn", en = "Safe" }, correct = true }'),
    )
    catalog = load_catalog(root)
    assert catalog.problems == [Problem(HONG, "steps[2].answers", "exactly one answer must be correct (found 2)")]
    assert ids(catalog) == ["mau"]


def test_quiz_with_no_correct_answer(root: Path) -> None:
    write_broken(root, (", correct = true }", " }"))
    catalog = load_catalog(root)
    assert catalog.problems == [Problem(HONG, "steps[2].answers", "exactly one answer must be correct (found 0)")]
    assert ids(catalog) == ["mau"]


def test_quiz_with_one_answer(root: Path) -> None:
    write_broken(root, ('  { text = { vi = "An toàn", en = "Safe" } },\n', ""))
    catalog = load_catalog(root)
    assert catalog.problems == [Problem(HONG, "steps[2].answers", "needs at least 2 entries")]
    assert ids(catalog) == ["mau"]


def test_unknown_category(root: Path) -> None:
    write_broken(root, ('category = "demo"', 'category = "khong_co"'))
    catalog = load_catalog(root)
    assert catalog.problems == [Problem(HONG, "category", "unknown category 'khong_co' (known: demo)")]
    assert ids(catalog) == ["mau"]


def test_category_not_matching_the_folder(root: Path) -> None:
    (root / "khac").mkdir()
    (root / "khac" / "hong.toml").write_text(edit(mau_text(root), 'id = "mau"', 'id = "hong"'), encoding="utf-8")
    catalog = load_catalog(root)
    assert catalog.problems == [Problem("content/khac/hong.toml", "category", "is 'demo' but the file is in 'khac/'")]
    assert ids(catalog) == ["mau"]


def test_unknown_kind_of_step(root: Path) -> None:
    write_broken(root, ('kind = "practice"', 'kind = "practise"'))
    catalog = load_catalog(root)
    assert catalog.problems == [
        Problem(HONG, "steps[1]", "unknown kind 'practise'; use one of 'info', 'practice', 'quiz', 'try'")
    ]
    assert ids(catalog) == ["mau"]


def test_unknown_icon_on_a_screen_element(root: Path) -> None:
    write_broken(
        root,
        (
            'style = "danger" },\n]\n\n[[steps]]\nid = "tap"',
            'style = "danger" },\n  { id = "hang", kind = "list_row", text = { vi = "Hàng", en = "Row" },'
            ' icon = "unicorn" },\n]\n\n[[steps]]\nid = "tap"',
        ),
    )
    catalog = load_catalog(root)
    assert catalog.problems == [Problem(HONG, "steps[0].screen.elements[3].icon", "unknown icon 'unicorn'")]
    assert ids(catalog) == ["mau"]


def test_unknown_category_icon(root: Path) -> None:
    """The problem is reported, and no category the views would draw has an icon they cannot find."""
    categories = root / "categories.toml"
    categories.write_text(
        edit(categories.read_text(encoding="utf-8"), 'icon = "star"', 'icon = "unicorn"'), encoding="utf-8"
    )
    catalog = load_catalog(root)
    assert catalog.problems == [Problem("content/categories.toml", "categories[0].icon", "unknown icon 'unicorn'")]
    assert [category.icon for category in catalog.categories if not known_icon(category.icon)] == []


def test_duplicate_element_id_on_a_screen(root: Path) -> None:
    write_broken(root, ('{ id = "huong_dan", kind = "text"', '{ id = "btn_dang_nhap", kind = "text"'))
    catalog = load_catalog(root)
    assert catalog.problems == [
        Problem(HONG, "steps[1].screen.elements[3].id", "'btn_dang_nhap' is used twice"),
    ]
    assert ids(catalog) == ["mau"]


def test_file_name_not_matching_the_id(root: Path) -> None:
    text = edit(mau_text(root), 'id = "mau"', 'id = "ten_khac"')
    (root / "demo" / "hong.toml").write_text(text, encoding="utf-8")
    catalog = load_catalog(root)
    assert catalog.problems == [
        Problem(HONG, "id", "is 'ten_khac' but the file is named 'hong.toml' (they must match)")
    ]
    assert ids(catalog) == ["mau"]


def test_step_id_used_twice(root: Path) -> None:
    write_broken(root, ('id = "tap"', 'id = "xem"'))
    catalog = load_catalog(root)
    assert catalog.problems == [Problem(HONG, "steps[1].id", "step id 'xem' is used twice")]
    assert ids(catalog) == ["mau"]


def test_bad_identifier(root: Path) -> None:
    write_broken(root, ('id = "otp"', 'id = "Mã OTP"'))
    catalog = load_catalog(root)
    assert catalog.problems == [
        Problem(HONG, "steps[2].id", "must be lower-case letters, digits, '-' or '_', starting with a letter")
    ]
    assert ids(catalog) == ["mau"]


def test_missing_required_field(root: Path) -> None:
    write_broken(root, ('source = "Viết cho bộ kiểm thử."\n', ""))
    catalog = load_catalog(root)
    assert catalog.problems == [Problem(HONG, "source", "is required but missing")]
    assert ids(catalog) == ["mau"]


def test_every_problem_names_its_file(root: Path) -> None:
    write_broken(root, ('target = "btn_dang_ky"', 'target = "x"'), name="mot")
    write_broken(root, ("reviewed = 2026-11-20", "reviewed = ngay"), name="hai")
    write_broken(root, ('category = "demo"', 'category = "x"'), name="ba")
    catalog = load_catalog(root)
    assert sorted(problem.file for problem in catalog.problems) == [
        "content/demo/ba.toml",
        "content/demo/hai.toml",
        "content/demo/mot.toml",
    ]
    assert all(str(problem).startswith(f"{problem.file}: ") for problem in catalog.problems)
    assert ids(catalog) == ["mau"]


# --- all problems are collected ---------------------------------------------


def test_three_schema_mistakes_give_three_problems(root: Path) -> None:
    write_broken(
        root,
        ('source = "Viết cho bộ kiểm thử."', 'source = "Viết cho bộ kiểm thử."\ntitel = "x"'),
        ('en = "Scam or safe?"', 'en = ""'),
        ('kind = "info"', 'kind = "infos"'),
    )
    catalog = load_catalog(root)
    assert catalog.problems == [
        Problem(HONG, "steps[0]", "unknown kind 'infos'; use one of 'info', 'practice', 'quiz', 'try'"),
        Problem(HONG, "steps[2].title.en", "must not be empty"),
        Problem(HONG, "titel", "'titel' is not a known field here (a typo?)"),
    ]
    assert ids(catalog) == ["mau"]


def test_three_reference_mistakes_give_three_problems(root: Path) -> None:
    write_broken(
        root,
        ('target = "btn_dang_ky"', 'target = "btn_dang_xuat"'),
        ('id = "otp"', 'id = "tap"'),
        ('{ text = { vi = "An toàn", en = "Safe" } }', '{ text = { vi = "An toàn", en = "Safe" }, correct = true }'),
    )
    catalog = load_catalog(root)
    assert catalog.problems == [
        Problem(
            HONG,
            "steps[1].target",
            f"'btn_dang_xuat' is not an element of this step's screen (elements: {SCREEN_1_IDS})",
        ),
        Problem(HONG, "steps[2].id", "step id 'tap' is used twice"),
        Problem(HONG, "steps[2].answers", "exactly one answer must be correct (found 2)"),
    ]
    assert ids(catalog) == ["mau"]


# --- missing pieces ---------------------------------------------------------


def test_missing_content_folder(tmp_path: Path) -> None:
    missing = tmp_path / "khong_co"
    catalog = load_catalog(missing)
    assert catalog.problems == [Problem(str(missing), "", "content folder does not exist")]
    assert catalog.tutorials == []


def test_missing_categories_file(root: Path) -> None:
    (root / "categories.toml").unlink()
    catalog = load_catalog(root)
    assert catalog.problems[0] == Problem("content/categories.toml", "", "is missing: no category can be shown")
    assert catalog.categories == []


# --- drafts and the report --------------------------------------------------


def test_drafts_load_but_are_not_published(root: Path) -> None:
    write_broken(
        root,
        ("reviewed = 2026-11-20", 'reviewed = 2026-11-20\ndraft = true\ndraft_note = "Chờ phường duyệt số điện thoại"'),
        name="nhap",
    )
    catalog = load_catalog(root)
    assert catalog.problems == []
    assert ids(catalog) == ["mau", "nhap"]
    assert [tutorial.id for tutorial in catalog.published()] == ["mau"]
    assert [tutorial.id for tutorial in catalog.published("demo")] == ["mau"]
    assert [tutorial.id for tutorial in catalog.drafts()] == ["nhap"]


def test_format_report_lists_counts_and_drafts(root: Path) -> None:
    write_broken(
        root,
        ("reviewed = 2026-11-20", 'reviewed = 2026-11-20\ndraft = true\ndraft_note = "Chờ phường duyệt"'),
        name="nhap",
    )
    assert format_report(load_catalog(root)) == (
        "Categories: 1\n"
        "  demo: 1 tutorials, 3 steps, 1 practice steps, 1 quiz scenarios\n"
        "Published tutorials: 1\n"
        "Drafts (never shown to residents): 1\n"
        "  content/demo/nhap.toml — Chờ phường duyệt\n"
        "Problems: none"
    )


def test_format_report_lists_problems(root: Path) -> None:
    write_broken(root, ('id = "tap"', 'id = "xem"'))
    assert format_report(load_catalog(root)) == (
        "Categories: 1\n"
        "  demo: 1 tutorials, 3 steps, 1 practice steps, 1 quiz scenarios\n"
        "Published tutorials: 1\n"
        "Drafts (never shown to residents): 0\n"
        "Problems: 1\n"
        "  content/demo/hong.toml: steps[1].id: step id 'xem' is used twice"
    )


# --- the bundled catalog ----------------------------------------------------


def test_bundled_catalog_has_no_problems() -> None:
    catalog = load_catalog()
    assert [str(problem) for problem in catalog.problems] == []
    categories_with_published = {tutorial.category for tutorial in catalog.published()}
    assert len(catalog.published()) >= 1
    assert len(categories_with_published) >= 3, sorted(categories_with_published)
    assert load_catalog(BUNDLED_CONTENT).files == catalog.files


def test_bundled_catalog_passes_lint() -> None:
    catalog = load_catalog()
    assert [str(problem) for problem in lint_catalog(catalog)] == []

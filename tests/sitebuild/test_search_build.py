"""guide-search on the built site and its parts: one index per language, hidden fields, fallback."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jieba
import pytest

from mkdocs_guide.hant.convert import converter
from mkdocs_guide.search._internal.fallback import RESULT_LIST, add_fallback, fallback_html
from mkdocs_guide.search._internal.index import ZWSP, add_synonyms, split_by_folder, tidy, words
from mkdocs_guide.search._internal.synonyms import load_synonyms, load_words, synonyms_for
from tools.search_questions import load_questions

ROOT = Path(__file__).resolve().parents[2]
SEPARATOR = re.compile(r"[\s\u200b、，：（）]+|\b")


def _index(site: Path, folder: str) -> dict[str, object]:
    data: dict[str, object] = json.loads((site / folder / "search" / "search_index.json").read_text(encoding="utf-8"))
    return data


def test_each_language_has_its_own_index(built_site: Path) -> None:
    simplified = _index(built_site, "")["docs"]
    traditional = _index(built_site, "zh-Hant")["docs"]
    assert isinstance(simplified, list) and isinstance(traditional, list)
    assert len(simplified) == len(traditional) > 100
    for docs in (simplified, traditional):
        assert not [doc["location"] for doc in docs if doc["location"].startswith("zh-Hant/")]
    assert any("協商" in doc["title"] for doc in traditional)
    assert not any("協商" in doc["title"] for doc in simplified)
    # Every location is a built page of its language.
    for folder, docs in (("", simplified), ("zh-Hant/", traditional)):
        for location in {doc["location"].split("#")[0] for doc in docs}:
            assert (built_site / folder / location / "index.html").is_file(), location


@pytest.mark.parametrize("field", ["text", "title", "summary"])
def test_traditional_entries_are_cut_where_their_sources_are(built_site: Path, field: str) -> None:
    # s2tw keeps the text's length, so an entry cut as its source has its zero-width spaces
    # (spaces in the summary) at the same places. jieba's own model on traditional text
    # matched in 3 entries of 186 for the text; the summaries are cut when both languages are
    # built, so each must be cut with its own language's model.
    def cuts(doc: dict[str, str]) -> list[int]:
        return [len(word) for word in re.split(f"[ {ZWSP}]", doc.get(field, ""))]

    simplified, traditional = _index(built_site, "")["docs"], _index(built_site, "zh-Hant")["docs"]
    assert isinstance(simplified, list) and isinstance(traditional, list)
    alike = [cuts(source) == cuts(converted) for source, converted in zip(simplified, traditional, strict=True)]
    assert sum(alike) >= 0.95 * len(alike)


def test_entries_carry_the_hidden_fields(built_site: Path) -> None:
    data = _index(built_site, "zh-Hant")
    config, docs = data["config"], data["docs"]
    assert isinstance(config, dict) and isinstance(docs, list)
    assert {"synonyms", "summary", "fillers"} <= set(config["fields"])
    pages = {doc["location"]: doc for doc in docs}
    assert "聯徵" in pages["credit-report/"]["synonyms"]  # [zh-Hant] of search/synonyms.toml
    assert "騷擾" in pages["collection/"]["synonyms"]  # [all], converted
    assert "區別" in pages["products/"]["summary"]  # the front-matter title, as readers ask
    assert "點" in pages["#first-steps"]["fillers"]
    assert [doc["location"] for doc in docs if "fillers" in doc] == ["#first-steps"]


def test_traditional_pages_search_their_own_index(built_site: Path) -> None:
    page = (built_site / "zh-Hant" / "negotiate" / "index.html").read_text(encoding="utf-8")
    assert '"base": ".."' in page  # zh-Hant/ from zh-Hant/negotiate/
    assert '"base": ".."' in (built_site / "negotiate" / "index.html").read_text(encoding="utf-8")
    assert '"base": "/zh-Hant/"' in (built_site / "zh-Hant" / "404.html").read_text(encoding="utf-8")
    assert "search.highlight" not in page  # it would put search words in result URLs


def test_every_page_offers_the_fallback(built_site: Path) -> None:
    for path in built_site.rglob("index.html"):
        if "pyodide" not in path.parts:
            assert 'class="guide-search-fallback"' in path.read_text(encoding="utf-8"), path


def test_question_set_names_real_pages() -> None:
    for question in load_questions():
        for source in question.expect:
            assert (ROOT / "docs" / source).is_file(), source


def test_split_by_folder_makes_locations_relative() -> None:
    docs = [{"location": ""}, {"location": "faq/#jail"}, {"location": "zh-Hant/faq/"}]
    assert split_by_folder(docs, ["", "zh-Hant/"]) == {
        "": [{"location": ""}, {"location": "faq/#jail"}],
        "zh-Hant/": [{"location": "faq/"}],
    }


@pytest.mark.parametrize(
    ("text", "tidied"),
    [
        (f"{ZWSP}协商{ZWSP}还款{ZWSP}：{ZWSP}能谈", f"协商{ZWSP}还款：能谈"),
        (f"<p>{ZWSP}最后{ZWSP}核对</p>", f"<p>最后{ZWSP}核对</p>"),
        (f"4{ZWSP}倍{ZWSP}LPR", f"4{ZWSP}倍{ZWSP}LPR"),  # kept: the separator splits there only by \b
    ],
)
def test_tidy_drops_only_zero_width_spaces_that_split_nothing(text: str, tidied: str) -> None:
    assert tidy(text, SEPARATOR) == tidied


def test_synonyms_attach_to_entries_that_use_the_word() -> None:
    doc = {"title": "催收与你的权利", "text": f"合法{ZWSP}催收"}
    add_synonyms(doc, {"催收": ("骚扰", "追债"), "征信": ("上征信",)}, "synonyms")
    assert doc["synonyms"] == "骚扰 追债"


def test_synonyms_file_is_valid_and_converted_for_zh_hant() -> None:
    tables = load_synonyms(ROOT / "search" / "synonyms.toml")
    assert set(tables) == {"all", "zh-Hant"}
    hant = synonyms_for(tables, "zh-Hant", converter().convert)
    assert "騷擾" in hant["催收"] and "追數" in hant["催收"]  # [all] converted, then [zh-Hant]
    assert "騷擾" not in synonyms_for(tables, "zh", None)["催收"]


def test_fillers_and_user_dictionary_are_in_both_scripts() -> None:
    assert {"五", "咋", "點"} <= set(load_words(ROOT / "search" / "fillers.txt"))
    convert = converter().convert
    lines = (ROOT / "search" / "jieba_user_dict.txt").read_text(encoding="utf-8").splitlines()
    dictionary = {line.split()[0] for line in lines if line.strip()}
    # A dictionary word in simplified needs its zh-Hant form as the site converts it (帳, not 賬).
    assert not [word for word in dictionary if convert(word) not in dictionary]


def test_words_drop_punctuation() -> None:
    jieba.add_word("停息挂账")
    assert words("停息挂账，是真的吗？", re.compile(r"[\s，？]+")) == ["停息挂账", "是", "真的", "吗"]


def test_fallback_goes_between_count_and_list() -> None:
    page = f'<div class="md-search-result"><div class="md-search-result__meta">…</div>{RESULT_LIST}</div>'
    block = fallback_html("先看：", [("../faq/", "常见问题")])
    assert add_fallback(page, block).endswith(block + RESULT_LIST + "</div>")
    assert 'data-md-score="-1"' in block  # Material's Enter key prefers any real result
    with pytest.raises(ValueError, match="no search result list"):
        add_fallback("<html></html>", block)

"""jieba cuts each script's text alike: its dictionary and HMM converted for the traditional build."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import jieba
import jieba.finalseg
import pytest

from mkdocs_guide.hant.convert import converter
from mkdocs_guide.search._internal.segmenter import Model, converted_emissions, converted_model, use_model

ROOT = Path(__file__).resolve().parents[2]
USER_DICTIONARY = ROOT / "search" / "jieba_user_dict.txt"
#: Simplified sentences of the guide's kind, each cut differently by jieba's own model once converted.
SENTENCES = ("每月还不上怎么办", "账户注销以后还能恢复吗", "贷后管理里的催收记录", "打给客服说明情况")


@pytest.fixture
def own_model() -> Iterator[None]:
    """Leave jieba as the other tests expect it: its own dictionary and HMM."""
    yield
    use_model(Model(), None)


@pytest.fixture(scope="module")
def hant_model(tmp_path_factory: pytest.TempPathFactory) -> Model:
    return converted_model(converter().convert, tmp_path_factory.mktemp("jieba"))


def test_traditional_text_is_cut_as_its_simplified_source(hant_model: Model, own_model: None) -> None:
    convert = converter().convert
    use_model(Model(), USER_DICTIONARY)
    simplified = [jieba.lcut(sentence) for sentence in SENTENCES]
    use_model(Model(), None)
    # jieba's own model does not cut the converted sentences as their sources: the check can fail.
    assert [[convert(word) for word in words] for words in simplified] != [
        jieba.lcut(convert(sentence)) for sentence in SENTENCES
    ]
    use_model(hant_model, USER_DICTIONARY)
    assert [[convert(word) for word in words] for words in simplified] == [
        jieba.lcut(convert(sentence)) for sentence in SENTENCES
    ]


def test_the_own_model_comes_back(hant_model: Model, own_model: None) -> None:
    own_odds = jieba.finalseg.emit_P
    use_model(Model(), None)
    before = [jieba.lcut(sentence) for sentence in SENTENCES]
    use_model(hant_model, USER_DICTIONARY)
    assert jieba.finalseg.emit_P is hant_model.emissions
    use_model(Model(), None)
    assert jieba.finalseg.emit_P is own_odds
    assert [jieba.lcut(sentence) for sentence in SENTENCES] == before
    assert jieba.get_FREQ("協商還款") is None  # the user dictionary went with the converted one


def test_the_user_dictionary_is_read_into_each_model(hant_model: Model, own_model: None) -> None:
    for model, word in ((hant_model, "協商還款"), (Model(), "协商还款")):
        use_model(model, USER_DICTIONARY)
        assert jieba.get_FREQ(word) == 5000  # search/jieba_user_dict.txt


def test_words_that_convert_alike_take_the_larger_frequency(tmp_path: Path, own_model: None) -> None:
    # A convert that makes 干 and 幹 one word: it has the larger frequency, and jieba's total
    # (every line counts) stays as it was, so the odds of every other word stay too.
    model = converted_model(lambda text: text.replace("干", "幹"), tmp_path)
    use_model(Model(), None)
    own_frequency = {word: jieba.get_FREQ(word) for word in ("干", "幹", "银行")}
    own_total = jieba.dt.total
    assert own_frequency["干"] != own_frequency["幹"]
    use_model(model, None)
    assert jieba.get_FREQ("幹") == max(own_frequency["干"], own_frequency["幹"])
    assert jieba.get_FREQ("银行") == own_frequency["银行"]
    assert jieba.dt.total == own_total
    assert not jieba.get_FREQ("干")


def test_the_converted_dictionary_is_kept_once_per_content(tmp_path: Path, own_model: None) -> None:
    first = converted_model(str.upper, tmp_path).dictionary
    assert first is not None
    written = first.stat().st_mtime_ns
    use_model(converted_model(str.upper, tmp_path), None)
    assert (tmp_path / f"jieba.u{hashlib.md5(str(first).encode()).hexdigest()}.cache").is_file()  # jieba's, beside it
    assert converted_model(lambda text: text.upper(), tmp_path).dictionary == first  # same text, same file
    assert first.stat().st_mtime_ns == written
    other = converted_model(str.lower, tmp_path).dictionary
    assert other is not None and other != first
    assert sorted(path.name for path in tmp_path.iterdir()) == [other.name]  # the old one and its cache are gone


def test_a_converted_character_is_as_likely_as_its_source(hant_model: Model) -> None:
    own = jieba.finalseg.emit_P
    assert converted_emissions({("还", "還")})["S"]["還"] == own["S"]["还"] > own["S"]["還"]
    assert hant_model.emissions is not None
    for form in ("簽", "籤"):  # 签名 → 簽名, 标签 → 標籤: both forms of 签
        assert hant_model.emissions["S"][form] >= own["S"]["签"]
    for state, odds in own.items():
        assert all(hant_model.emissions[state][character] >= value for character, value in odds.items())

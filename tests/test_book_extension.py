"""The Sphinx extension's own parts: the offline chart bundle and the Chinese search."""
from sphinx.search.zh import SearchChinese

from factcheck.book.patches import chinese_search_language
from factcheck.book.vega import BUNDLE_NAME, bundle_header, environment_bundle, write_bundle


def test_the_bundle_is_generated_once_per_environment_and_copied_into_the_build(tmp_path):
    cached = environment_bundle()
    text = cached.read_text(encoding="utf-8")
    assert text.startswith(bundle_header()) and "vega={}" in text  # the UMD build defines window.vega
    written = write_bundle(tmp_path / "_static")
    assert written == tmp_path / "_static" / BUNDLE_NAME
    assert written.read_bytes() == cached.read_bytes()


def test_the_faster_chinese_search_indexes_exactly_as_sphinx_does():
    text = "崇左市推动教育高质量发展 with Altair charts, CPU and GPU; 全国8名，广西唯一 Gaokao gaokao"
    ours, sphinx = chinese_search_language()({}), SearchChinese({})
    for language in (ours, sphinx):
        language.latin_terms.clear()  # SearchChinese shares one list across instances
    words_ours, words_sphinx = ours.split(text), sphinx.split(text)
    assert words_ours == words_sphinx and "崇左" in words_ours
    assert [ours.stem(w) for w in words_ours] == [sphinx.stem(w) for w in words_sphinx]

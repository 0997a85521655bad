"""helpers.source_corpus: the standard library's source as the character-level corpus."""

import pytest

from helpers.source_corpus import CORPUS_MODULES, python_source_corpus


def test_corpus_is_ascii_python_of_the_requested_size_and_repeats():
    corpus = python_source_corpus(20_000)
    assert len(corpus) == 20_000 and corpus == python_source_corpus(20_000)
    assert all(32 <= ord(ch) < 127 or ch == "\n" for ch in corpus)
    assert "def " in corpus and "\t" not in corpus
    assert len(set(python_source_corpus())) < 100


def test_corpus_starts_with_the_first_module_and_reads_only_what_it_needs():
    import textwrap

    assert CORPUS_MODULES[0] == "textwrap"
    assert python_source_corpus(500).startswith(open(textwrap.__file__, encoding="utf-8").read(500)
                                                .replace("\t", "    ")[:100])


def test_modules_without_source_are_an_error_not_an_empty_corpus():
    with pytest.raises(RuntimeError, match="could be read"):
        python_source_corpus(modules=("sys", "no_such_module_here"))

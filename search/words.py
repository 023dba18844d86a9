"""The words of a search query (query.py), and the words of the documents that "Menade du …?"
may suggest (engine.py)."""

import re
import unicodedata

MAX_WORDS = 12
WORD = re.compile(r"[^\W_]+")


def words_of(text):
    """The words of a query, lower case, at most MAX_WORDS: letters and digits of any script.
    Operators, quotes and markup are not words, so they can never reach the query parser."""
    text = unicodedata.normalize("NFC", text).casefold()
    return [word[:60] for word in WORD.findall(text)][:MAX_WORDS]


# Endings of the definite and plural forms that the Swedish (Snowball) stemmer leaves on ("programmet", "programmen", "näringslivet" stay as they are), longest first.
DEFINITE_ENDINGS = ("erna", "arna", "orna", "et", "en", "na")
DOUBLED = re.compile(r"([bcdfghjklmnpqrstvwxz])\1$")


def swedish_root(word):
    """``programmet`` → ``program``, ``näringslivet`` → ``näringsliv``: the word without a
    definite or plural ending and a doubled final consonant, when at least four letters are
    left; the word itself otherwise."""
    for ending in DEFINITE_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return DOUBLED.sub(r"\1", word[: -len(ending)])
    return word


# Words "Menade du …?" can suggest: the words of titles and summaries as written, lower case,
# letters only, at least four of them.
LETTERS = re.compile(r"[^\W\d_]+")
VOCABULARY_LENGTH = range(4, 101)


def is_vocabulary_word(word):
    return len(word) in VOCABULARY_LENGTH and LETTERS.fullmatch(word) is not None


def vocabulary_words(*texts):
    """The distinct words of ``texts`` that a suggestion may offer, lower case as ``words_of``
    makes a query's."""
    return {
        word
        for text in texts
        for word in LETTERS.findall(unicodedata.normalize("NFC", text or "").casefold())
        if len(word) in VOCABULARY_LENGTH
    }

"""The words visitors could mean, for "Menade du …?": the words of every searchable title and
summary (``words.vocabulary_words``), with how many documents hold each. The engine
(search/engine.py) keeps them as it loads and applies documents; a query word that is not
among them is replaced by the closest one (rapidfuzz's edit distance)."""

import threading
from collections import Counter

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from .words import is_vocabulary_word

# How many edits (letters added, removed or changed) a suggestion may be from a query word:
# (fewest letters of the word, edits), the longest that applies.
REACH = ((4, 1), (6, 2), (10, 3))


def reach(word):
    """How far from ``word`` a suggestion may be: one edit for 4–5 letters, two for 6–9,
    three for 10 or more (long Swedish compounds typed without å, ä and ö)."""
    edits = 0
    for letters, allowed in REACH:
        if len(word) >= letters:
            edits = allowed
    return edits


class Vocabulary:
    """{word: number of documents whose title or summary has it}. Read by searches from any
    thread, changed by the engine's writes."""

    def __init__(self):
        self.counts = Counter()
        self._lock = threading.Lock()

    def __contains__(self, word):
        return word in self.counts

    def __len__(self):
        return len(self.counts)

    def __getitem__(self, word):
        return self.counts[word]

    def keys(self):
        return self.counts.keys()

    def replace(self, counts):
        with self._lock:
            self.counts = counts

    def change(self, added, removed):
        """Count the words of the documents added and no longer count those removed."""
        with self._lock:
            self.counts.update(added)
            self.counts.subtract(removed)
            for word in removed:
                if self.counts[word] <= 0:
                    del self.counts[word]

    def suggestion(self, words):
        """``words`` with each word not known replaced by the closest known word (``closest``);
        None when no word was replaced."""
        suggested = [self.closest(word) or word for word in words]
        return suggested if suggested != list(words) else None

    def closest(self, word):
        """The known word fewest edits from ``word`` (at most ``reach(word)``), the most common
        of equally close ones, then the first alphabetically; None when ``word`` is known, is
        not a word the vocabulary could hold (digits, fewer than four letters) or has no known
        word within reach."""
        if not is_vocabulary_word(word):
            return None
        with self._lock:
            if word in self.counts:
                return None
            candidates = process.extract(
                word,
                self.counts.keys(),
                scorer=Levenshtein.distance,
                score_cutoff=reach(word),
                limit=None,
            )
            ranked = [(distance, -self.counts[known], known) for known, distance, _ in candidates]
        return min(ranked)[2] if ranked else None

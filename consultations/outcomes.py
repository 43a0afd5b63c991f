"""What an outcome page ("We asked, you said, we did") takes from the apps above consultations.

Surveys and discussions live in higher layers, so this app imports neither:

- Their parts of "We asked" and "You said" are consultation sections
  (consultations.sections) in the slots ``OUTCOME_ASKED`` and ``OUTCOME_SAID``:
  surveys adds its questions and its results, with small groups suppressed.
- A quote in "You said" is an approved comment from one of the consultation's
  discussions. The discussions app supplies quotes through the
  ``register_outcome_quotes`` hook, returning a ``QuoteSource``::

      @hooks.register("register_outcome_quotes")
      def comment_quotes():
          return QuoteSource(find=quotable_comments, refusal=why_not_quotable)

  ``find(consultation, references)`` returns ``{reference: Quote}`` for the
  references (a comment's number or link, as an editor pasted it) that may be
  quoted now, in one query: public, not removed, and in this consultation's
  discussions. A comment removed later is simply not found, and its quote
  leaves the page. ``refusal(consultation, reference)`` says, in words an
  editor can act on, why a reference may not be quoted, or returns None.
"""

from collections.abc import Callable
from dataclasses import dataclass

from wagtail import hooks

QUOTE_HOOK = "register_outcome_quotes"
OUTCOME_ASKED = "outcome_asked"
OUTCOME_SAID = "outcome_said"
# The outcome block each slot belongs to.
OUTCOME_SLOTS = {"we_asked": OUTCOME_ASKED, "you_said": OUTCOME_SAID}

NO_QUOTE_SOURCE = "Quotes come from the consultation's discussions, and this site has none."


@dataclass(frozen=True)
class Quote:
    text: str
    author: object
    url: str


@dataclass(frozen=True)
class QuoteSource:
    find: Callable[..., dict]
    refusal: Callable[..., str | None]


def quote_source():
    sources = [register() for register in hooks.get_hooks(QUOTE_HOOK)]
    return sources[0] if sources else None


def find_quotes(consultation, references):
    source = quote_source()
    if source is None or not references:
        return {}
    return source.find(consultation, references)


def quote_refusal(consultation, reference):
    source = quote_source()
    if source is None:
        return NO_QUOTE_SOURCE
    return source.refusal(consultation, reference)


def normalised(text):
    return " ".join(text.split()).casefold()


def key_commitments(consultation):
    """Every key commitment in the consultation's body, in order."""
    return [
        item
        for block in consultation.body
        if block.block_type == "key_commitments"
        for item in block.value["items"]
    ]


def questions_asked(consultation):
    """Every question in the consultation's questions blocks, in order."""
    return [
        question
        for block in consultation.body
        if block.block_type == "questions"
        for question in block.value["questions"]
    ]


def matching_commitment(consultation, text):
    """The consultation's key commitment that `text` names (case and spacing aside), or None."""
    wanted = normalised(text)
    return next((item for item in key_commitments(consultation) if normalised(item) == wanted), None)

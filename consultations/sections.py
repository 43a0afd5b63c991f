"""Parts of a consultation's page from other apps (its surveys, its discussions).

Each app registers a ``core.sections.Section`` under this hook, with the slot
it goes in: "before_body" (between the header and the editor's blocks) or
"after_body". The consultation's outcome page takes the parts of its "We
asked" and "You said" blocks from the slots in
``consultations.outcomes.OUTCOME_SLOTS``. A section's
``get_context(request, consultation)`` returns None when the consultation has
nothing of that app's to show.
"""

HOOK = "register_consultation_section"
SLOTS = ("before_body", "after_body")

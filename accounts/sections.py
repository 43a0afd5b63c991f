"""My account's sections from other apps (comments, event places, survey answers).

Each app registers a ``core.sections.Section`` under this hook; its
``get_context(request)`` sees the signed-in member as ``request.user``.
"""

HOOK = "register_account_section"

from django.db import connections


def restore_migrated_data():
    """Put back what migrations created (Wagtail's root page and locale, the roles)."""
    for connection in connections.all():
        snapshot = getattr(connection, "_test_serialized_contents", None)
        if snapshot:
            connection.creation.deserialize_db_from_string(snapshot)

"""Open data downloads: the licence they are published under and the files' shape.

Each participation app publishes its own file for a closed consultation
(discussions: approved comments; surveys: aggregated results) through a view
that uses these helpers, so that every file states the same licence, the
site setting (Open Government Licence v3 by default), and every CSV opens
safely in a spreadsheet.
"""

import csv
import io
import json

from django.http import HttpResponse

from . import cache as page_cache
from .links import absolute
from .models import SiteSettings
from .spreadsheets import neutralise


def licence(request):
    site_settings = SiteSettings.for_request(request)
    return {"name": site_settings.open_data_licence, "url": site_settings.open_data_licence_url}


def _respond(request, page, content, content_type, filename):
    """Through the page cache, purged with `page`: the file changes when what it holds does."""
    shareable = page_cache.is_enabled() and page_cache.is_anonymous_request(request)
    if shareable:
        page_cache.mark_shareable(request, page)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Link"] = f'<{licence(request)["url"]}>; rel="license"'
    if shareable:
        page_cache.set_public_cache_headers(response)
    return response


def json_response(request, page, filename, data):
    document = {"source": absolute(page), "licence": licence(request), **data}
    content = json.dumps(document, indent=2, ensure_ascii=False)
    return _respond(request, page, content, "application/json; charset=utf-8", filename)


def csv_response(request, page, filename, headings, rows):
    """A CSV with a byte order mark (for Excel); the licence is each row's last column."""
    output = io.StringIO()
    output.write("\ufeff")
    writer = csv.writer(output)
    licence_text = "{name} ({url})".format(**licence(request))
    writer.writerow([*headings, "licence"])
    for row in rows:
        writer.writerow([neutralise(value) for value in row] + [licence_text])
    return _respond(request, page, output.getvalue(), "text/csv; charset=utf-8", filename)

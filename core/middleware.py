"""Requests no page can answer sensibly, refused before any view runs."""

from django.http import HttpResponseBadRequest


class RefuseNullCharactersMiddleware:
    """A null character in the query string (a search, a listing filter) would
    reach the database, which PostgreSQL refuses with an error page: answer
    400 Bad Request instead. Forms refuse it in posted text with a message of
    their own (core/forms.py)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if any("\x00" in value for values in request.GET.lists() for value in [values[0], *values[1]]):
            return HttpResponseBadRequest("A null character is not allowed in the address.")
        return self.get_response(request)

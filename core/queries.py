from django.db.models import IntegerField, Subquery


class SubqueryCount(Subquery):
    """The number of rows in `queryset`, as a subquery for an annotation.

    Correlate it with the outer query through OuterRef, so that one query
    counts for every row of a listing.
    """

    template = "(SELECT COUNT(*) FROM (%(subquery)s) AS counted)"
    output_field = IntegerField()

    def __init__(self, queryset, **extra):
        super().__init__(queryset.order_by().values("pk"), **extra)

from django.urls import reverse

from sarhub.core.links import url_maker


def test_url_maker_gives_what_reverse_gives() -> None:
    make = url_maker("reviews:finding-edit", 12)
    assert make(34) == reverse("reviews:finding-edit", args=[12, 34])
    assert url_maker("reviews:request")(5) == reverse("reviews:request", args=[5])
    assert url_maker("reviews:request", fragment="comments")(5) == reverse("reviews:request", args=[5]) + "#comments"

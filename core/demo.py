"""Building blocks for the demo content: idempotent get-or-create helpers.

Each app's demo module uses these, and home's `load_demo_content` runs them in order.
Running the loader again finds everything by its slug or title and changes nothing.
"""

import io
import random

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.utils.html import conditional_escape, format_html
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont
from wagtail.documents import get_document_model
from wagtail.images import get_image_model


def child_page(parent, model, slug, **fields):
    """Return the published child of `parent` with this slug, creating it if missing."""
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def skyline_image(title, description, seed, sky=("#1d3f7a", "#7fa7d9")):
    """A generated city-skyline picture, so the demo needs no downloaded images."""
    Image = get_image_model()
    existing = Image.objects.filter(title=title).first()
    if existing is not None:
        return existing

    width, height = 1280, 720
    rng = random.Random(seed)
    picture = PILImage.new("RGB", (width, height))
    draw = ImageDraw.Draw(picture)
    top, bottom = (PILImage.new("RGB", (1, 1), colour).getpixel((0, 0)) for colour in sky)
    for y in range(height):
        mix = y / height
        draw.line(
            [(0, y), (width, y)], fill=tuple(int(a + (b - a) * mix) for a, b in zip(top, bottom, strict=True))
        )
    draw.ellipse([width * 0.72, 90, width * 0.72 + 140, 230], fill=(255, 221, 120))
    for layer, shade in enumerate([(60, 70, 100), (35, 40, 60)]):
        x = -20
        while x < width:
            building_width = rng.randint(60, 150)
            building_height = rng.randint(180, 420) - layer * 80
            draw.rectangle([x, height - building_height, x + building_width, height], fill=shade)
            for wy in range(height - building_height + 20, height - 20, 36):
                for wx in range(x + 12, x + building_width - 16, 28):
                    if rng.random() < 0.35:
                        draw.rectangle([wx, wy, wx + 12, wy + 18], fill=(250, 220, 140))
            x += building_width + rng.randint(4, 20)

    buffer = io.BytesIO()
    picture.save(buffer, format="JPEG", quality=85)
    return Image.objects.create(
        title=title,
        description=description,
        file=ImageFile(buffer, name=f"{seed}.jpg"),
    )


def pdf_document(title, paragraphs):
    """A one-page PDF rendered with Pillow, stored as a Wagtail document."""
    Document = get_document_model()
    existing = Document.objects.filter(title=title).first()
    if existing is not None:
        return existing

    page = PILImage.new("RGB", (1240, 1754), "white")
    draw = ImageDraw.Draw(page)
    draw.text((100, 120), title, fill="black", font=ImageFont.load_default(size=44))
    body_font = ImageFont.load_default(size=26)
    y = 230
    for paragraph in paragraphs:
        line = ""
        for word in paragraph.split():
            if draw.textlength(f"{line} {word}", font=body_font) > 1040:
                draw.text((100, y), line, fill="black", font=body_font)
                y += 40
                line = word
            else:
                line = f"{line} {word}".strip()
        draw.text((100, y), line, fill="black", font=body_font)
        y += 70

    buffer = io.BytesIO()
    page.save(buffer, format="PDF")
    slug = "".join(c if c.isalnum() else "-" for c in title.lower()).strip("-")
    return Document.objects.create(title=title, file=ContentFile(buffer.getvalue(), name=f"{slug}.pdf"))


def rich_text(*paragraphs):
    """Paragraphs of plain text, escaped, or of markup made with `format_html` (see `phone`)."""
    return "".join(f"<p>{conditional_escape(paragraph)}</p>" for paragraph in paragraphs)


def phone(number):
    """A phone number as a link that a phone can call, for `rich_text`."""
    return format_html('<a href="tel:{}">{}</a>', number.replace(" ", ""), number)

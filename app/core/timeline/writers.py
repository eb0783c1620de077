"""The timeline's shapes written as SVG, PDF or PNG: three small translators of one list.

SVG is written with the standard library's :mod:`xml.etree.ElementTree`; every record
mark is one element carrying ``data-kind`` and ``data-id`` with a ``<title>`` holding
its text. PDF is drawn with reportlab's canvas (vector, DejaVu Sans when installed).
PNG is drawn with Pillow: reportlab's own bitmap renderer needs an extra backend
(``rlPyCairo``) that Casefile does not ship. Every file is written atomically.
"""

from __future__ import annotations

import io
import os
import xml.etree.ElementTree as ET
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import Any

from app.core.storage.atomic import atomic_write
from app.core.timeline.layout import Drawing, Shape

FORMATS = ("svg", "pdf", "png")
_FONT_DIRS = (
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/share/fonts/dejavu"),
    Path("/usr/share/fonts/TTF"),
    Path("/usr/local/share/fonts"),
    Path("/Library/Fonts"),
    Path("C:/Windows/Fonts"),
)


def format_of(path: str | os.PathLike[str]) -> str | None:
    suffix = Path(path).suffix.lower().lstrip(".")
    return suffix if suffix in FORMATS else None


@cache
def font_file(bold: bool) -> Path | None:
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    for folder in _FONT_DIRS:
        if (folder / name).is_file():
            return folder / name
    return None


def svg_bytes(drawing: Drawing) -> bytes:
    root = ET.Element(
        "svg",
        {
            "xmlns": "http://www.w3.org/2000/svg",
            "width": f"{drawing.width:g}",
            "height": f"{drawing.height:g}",
            "viewBox": f"0 0 {drawing.width:g} {drawing.height:g}",
            "font-family": "DejaVu Sans, Arial, sans-serif",
        },
    )
    ET.SubElement(root, "title").text = drawing.title
    ET.SubElement(root, "rect", {"width": "100%", "height": "100%", "fill": "#ffffff"})
    for shape in drawing.shapes:
        element = ET.SubElement(root, shape.form, _svg_attributes(shape))
        if shape.form == "text":
            element.text = shape.text
        if shape.lane:
            element.set("data-lane", shape.lane)
        if shape.kind:
            element.set("data-kind", shape.kind)
            element.set("data-id", str(shape.record_id))
            if shape.undated:
                element.set("data-undated", "true")
            ET.SubElement(element, "title").text = shape.tip
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def _svg_attributes(shape: Shape) -> dict[str, str]:
    paint = {"fill": shape.fill or "none"}
    if shape.stroke:
        paint["stroke"] = shape.stroke
    if shape.form == "rect":
        return {
            "x": f"{shape.x:.2f}",
            "y": f"{shape.y:.2f}",
            "width": f"{shape.w:.2f}",
            "height": f"{shape.h:.2f}",
            **paint,
        }
    if shape.form == "circle":
        return {"cx": f"{shape.x:.2f}", "cy": f"{shape.y:.2f}", "r": f"{shape.w:.2f}", **paint}
    if shape.form == "line":
        return {
            "x1": f"{shape.x:.2f}",
            "y1": f"{shape.y:.2f}",
            "x2": f"{shape.w:.2f}",
            "y2": f"{shape.h:.2f}",
            "stroke": shape.stroke or "#000000",
        }
    anchor = {"start": "start", "middle": "middle", "end": "end"}[shape.anchor]
    attributes = {
        "x": f"{shape.x:.2f}",
        "y": f"{shape.y:.2f}",
        "font-size": f"{shape.size:g}",
        "text-anchor": anchor,
        "fill": shape.fill or "#000000",
    }
    if shape.bold:
        attributes["font-weight"] = "bold"
    return attributes


def pdf_faces() -> dict[bool, str]:
    """The PDF font names for regular and bold text (DejaVu Sans registered when installed)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    faces = {False: "Helvetica", True: "Helvetica-Bold"}
    for bold, name in ((False, "TimelineSans"), (True, "TimelineSans-Bold")):
        path = font_file(bold)
        if path is not None:
            if name not in pdfmetrics.getRegisteredFontNames():
                pdfmetrics.registerFont(TTFont(name, str(path)))
            faces[bold] = name
    return faces


def draw_on_canvas(canvas: Any, drawing: Drawing) -> None:
    """Draw ``drawing``'s shapes on a reportlab canvas, in drawing units with the
    drawing's bottom left at the canvas origin. The stand-alone PDF and the brief's
    picture (which translates and scales first) are drawn by this one function."""
    from reportlab.lib.colors import HexColor

    faces = pdf_faces()
    height = drawing.height
    for shape in drawing.shapes:
        fill = HexColor(shape.fill) if shape.fill else None
        stroke = HexColor(shape.stroke) if shape.stroke else None
        if fill is not None:
            canvas.setFillColor(fill)
        if stroke is not None:
            canvas.setStrokeColor(stroke)
        if shape.form == "rect":
            canvas.rect(
                shape.x,
                height - shape.y - shape.h,
                shape.w,
                shape.h,
                stroke=int(stroke is not None),
                fill=int(fill is not None),
            )
        elif shape.form == "circle":
            canvas.circle(
                shape.x,
                height - shape.y,
                shape.w,
                stroke=int(stroke is not None),
                fill=int(fill is not None),
            )
        elif shape.form == "line":
            canvas.setLineWidth(0.6)
            canvas.line(shape.x, height - shape.y, shape.w, height - shape.h)
        else:
            canvas.setFont(faces[shape.bold], shape.size)
            draw = {
                "start": canvas.drawString,
                "middle": canvas.drawCentredString,
                "end": canvas.drawRightString,
            }
            draw[shape.anchor](shape.x, height - shape.y, shape.text)


def pdf_bytes(drawing: Drawing) -> bytes:
    from reportlab.pdfgen.canvas import Canvas

    out = io.BytesIO()
    canvas = Canvas(out, pagesize=(drawing.width, drawing.height), pageCompression=1)
    canvas.setTitle(drawing.title)
    draw_on_canvas(canvas, drawing)
    canvas.showPage()
    canvas.save()
    return out.getvalue()


def png_bytes(drawing: Drawing, scale: float = 1.0, dpi: float | None = None) -> bytes:
    """The picture as PNG, ``scale`` pixels to a drawing unit (a brief's picture is
    laid out at a readable width, then rendered at print resolution); ``dpi`` is
    recorded in the file so a word processor sizes it right."""
    from PIL import Image, ImageDraw, ImageFont

    if scale != 1.0:
        drawing = scaled(drawing, scale)
    image = Image.new("RGB", (round(drawing.width), round(drawing.height)), "#ffffff")
    pen = ImageDraw.Draw(image)
    fonts: dict[tuple[bool, float], ImageFont.FreeTypeFont | ImageFont.ImageFont] = {}

    def font(bold: bool, size: float) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
        key = (bold, size)
        if key not in fonts:
            path = font_file(bold)
            fonts[key] = (
                ImageFont.truetype(str(path), round(size)) if path else ImageFont.load_default(size)
            )
        return fonts[key]

    for shape in drawing.shapes:
        if shape.form == "rect":
            box = (shape.x, shape.y, shape.x + max(shape.w, 1), shape.y + max(shape.h, 1))
            pen.rectangle(box, fill=shape.fill, outline=shape.stroke)
        elif shape.form == "circle":
            r = shape.w
            pen.ellipse(
                (shape.x - r, shape.y - r, shape.x + r, shape.y + r),
                fill=shape.fill,
                outline=shape.stroke,
            )
        elif shape.form == "line":
            pen.line(
                (shape.x, shape.y, shape.w, shape.h),
                fill=shape.stroke or "#000000",
                width=max(round(scale), 1),
            )
        else:
            anchor = {"start": "ls", "middle": "ms", "end": "rs"}[shape.anchor]
            pen.text(
                (shape.x, shape.y),
                shape.text,
                fill=shape.fill or "#000000",
                font=font(shape.bold, shape.size),
                anchor=anchor,
            )
    out = io.BytesIO()
    if dpi is not None:
        image.save(out, format="PNG", optimize=False, dpi=(dpi, dpi))
    else:
        image.save(out, format="PNG", optimize=False)
    return out.getvalue()


def scaled(drawing: Drawing, scale: float) -> Drawing:
    """``drawing`` with every coordinate, length and font size times ``scale``."""
    shapes = [
        replace(
            shape,
            x=shape.x * scale,
            y=shape.y * scale,
            w=shape.w * scale,
            h=shape.h * scale,
            size=shape.size * scale,
        )
        for shape in drawing.shapes
    ]
    return Drawing(drawing.width * scale, drawing.height * scale, drawing.title, shapes)


_WRITERS = {"svg": svg_bytes, "pdf": pdf_bytes, "png": png_bytes}


def write(drawing: Drawing, path: str | os.PathLike[str], fmt: str | None = None) -> str:
    """Write ``drawing`` to ``path`` (format from ``fmt`` or the suffix); the format written."""
    chosen = fmt or format_of(path)
    if chosen not in _WRITERS:
        raise ValueError(
            f"a timeline is written as {', '.join(FORMATS)}, not {Path(path).suffix or 'no suffix'}"
        )
    data = _WRITERS[chosen](drawing)
    with atomic_write(path) as file:
        file.write(data)
    return chosen


__all__ = [
    "FORMATS",
    "draw_on_canvas",
    "format_of",
    "pdf_bytes",
    "pdf_faces",
    "png_bytes",
    "scaled",
    "svg_bytes",
    "write",
]

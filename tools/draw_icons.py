"""Draw the home-screen icons (SVG and PNG) for each name choice: `python -m tools.draw_icons`."""
from __future__ import annotations

from pathlib import Path
from typing import Any

# Shapes on a 100 x 100 grid, drawn the same way into SVG and PNG.
Shape = tuple[Any, ...]
ICONS: dict[str, tuple[str, list[Shape]]] = {
    "default": ("#1d4f91", [
        ("poly", [(50, 18), (84, 46), (76, 46), (76, 80), (24, 80), (24, 46), (16, 46)], "#ffffff"),
        ("rect", 43, 58, 14, 22, 2, "#1d4f91"),
    ]),
    "notes": ("#f6c945", [
        ("rect", 24, 16, 52, 68, 6, "#ffffff"),
        ("line", 32, 34, 68, 34, 4, "#9a9aa2"),
        ("line", 32, 46, 68, 46, 4, "#9a9aa2"),
        ("line", 32, 58, 68, 58, 4, "#9a9aa2"),
        ("line", 32, 70, 56, 70, 4, "#9a9aa2"),
    ]),
    "calendar": ("#eef0f4", [
        ("rect", 18, 20, 64, 62, 8, "#ffffff"),
        ("rect", 18, 20, 64, 18, 8, "#d23b3b"),
        ("rect", 18, 30, 64, 8, 0, "#d23b3b"),
        *[("circle", 30 + 13.3 * (i % 4), 50 + 13 * (i // 4), 3.5, "#55565e") for i in range(8)],
    ]),
    "weather": ("#8fc7f0", [
        ("circle", 38, 40, 16, "#ffd43b"),
        ("circle", 48, 62, 13, "#ffffff"),
        ("circle", 64, 56, 16, "#ffffff"),
        ("rect", 34, 62, 46, 14, 7, "#ffffff"),
    ]),
}


def svg(background: str, shapes: list[Shape]) -> str:
    parts = [f'<rect width="100" height="100" rx="20" fill="{background}"/>']
    for shape in shapes:
        kind, *args = shape
        if kind == "rect":
            x, y, w, h, r, color = args
            parts.append(f'<rect x="{x}" y="{y}" width="{w}" height="{h}" rx="{r}" fill="{color}"/>')
        elif kind == "circle":
            cx, cy, r, color = args
            parts.append(f'<circle cx="{cx:g}" cy="{cy:g}" r="{r}" fill="{color}"/>')
        elif kind == "line":
            x1, y1, x2, y2, width, color = args
            parts.append(f'<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" stroke="{color}" '
                         f'stroke-width="{width}" stroke-linecap="round"/>')
        else:
            points, color = args
            parts.append(f'<polygon points="{" ".join(f"{x},{y}" for x, y in points)}" fill="{color}"/>')
    body = "".join(parts)
    return f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100" width="512" height="512">{body}</svg>\n'


def png(background: str, shapes: list[Shape], size: int, maskable: bool = False) -> Any:
    from PIL import Image, ImageDraw  # only to redraw the icons; the running app never needs it

    big = size * 4  # draw large, then shrink: smooth edges without an SVG renderer
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    # A maskable icon fills the square; its drawing stays inside the middle 80 % (the safe zone).
    scale, offset = (big * 0.8 / 100, big * 0.1) if maskable else (big / 100, 0.0)
    if maskable:
        draw.rectangle((0, 0, big, big), fill=background)
    else:
        draw.rounded_rectangle((0, 0, big - 1, big - 1), radius=big * 0.2, fill=background)

    def at(value: float) -> float:
        return offset + value * scale

    for shape in shapes:
        kind, *args = shape
        if kind == "rect":
            x, y, w, h, r, color = args
            draw.rounded_rectangle((at(x), at(y), at(x + w), at(y + h)), radius=r * scale, fill=color)
        elif kind == "circle":
            cx, cy, r, color = args
            draw.ellipse((at(cx - r), at(cy - r), at(cx + r), at(cy + r)), fill=color)
        elif kind == "line":
            x1, y1, x2, y2, width, color = args
            draw.line((at(x1), at(y1), at(x2), at(y2)), fill=color, width=round(width * scale))
            for x, y in ((x1, y1), (x2, y2)):
                half = width * scale / 2
                draw.ellipse((at(x) - half, at(y) - half, at(x) + half, at(y) + half), fill=color)
        else:
            points, color = args
            draw.polygon([(at(x), at(y)) for x, y in points], fill=color)
    return image.resize((size, size), Image.Resampling.LANCZOS)


def main(root: Path) -> None:
    for name, (background, shapes) in ICONS.items():
        folder = root / name
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "icon.svg").write_text(svg(background, shapes))
        png(background, shapes, 192).save(folder / "icon-192.png", optimize=True)
        png(background, shapes, 512).save(folder / "icon-512.png", optimize=True)
        png(background, shapes, 512, maskable=True).save(folder / "maskable-512.png", optimize=True)
        # Safari rounds the corners itself and shows transparency as black: a full square, like the maskable one.
        png(background, shapes, 180, maskable=True).save(folder / "apple-touch-icon.png", optimize=True)


if __name__ == "__main__":
    main(Path(__file__).resolve().parents[1] / "harm" / "static" / "icons" / "discreet")

"""Every e-mail in the district's brand: its name and colour at the top of the HTML part, its footer
under both parts. A message sent with text only gets an HTML part too, the text in paragraphs
(escaped), so every family sees the same brand whichever part their mail program shows."""

from __future__ import annotations

from markupsafe import escape

from .services import current


def frame(subject: str, text: str, html: str | None) -> tuple[str, str]:
    brand = current()
    footer = brand.footer or brand.name
    text_out = f"{text.rstrip()}\n\n-- \n{footer}\n"
    if html is None:
        paragraphs = [p for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]
        html = "".join(f"<p>{escape(p).replace(chr(10), '<br>')}</p>" for p in paragraphs)
    top = (
        '<div style="font-family:system-ui,-apple-system,Segoe UI,Noto Sans,sans-serif;color:#1b1f24;'
        f'border-top:6px solid {brand.primary};padding:16px">'
        f'<p style="margin:0 0 12px;font-weight:700;color:{brand.primary}" data-brand>{escape(brand.name)}</p>'
    )
    bottom = f'<p style="margin-top:24px;color:#4a5560;font-size:14px">{escape(footer)}</p></div>'
    lower = html.lower()
    opens, closes = lower.find("<body"), lower.rfind("</body>")
    if opens >= 0 and closes > opens:  # a whole document: the frame goes inside its body
        inside = html.index(">", opens) + 1
        return text_out, html[:inside] + top + html[inside:closes] + bottom + html[closes:]
    return text_out, top + html + bottom

"""Builds templates/agreement.docx, the default house-style Word template.

Run `python templates/build_template.py` after changing it; the .docx is
committed so the wheel ships it. A firm's own template needs the same tags
and styles (see README, "Your own template"); numbering is added by the
engine at render time, so a template needs none.
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

BODY_FONT = "Calibri"
ACCENT = RGBColor(0x1F, 0x4E, 0x5F)


def _styles(doc: Document) -> None:
    normal = doc.styles["Normal"]
    normal.font.name = BODY_FONT
    normal.font.size = Pt(10.5)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.15

    title = doc.styles["Title"]
    title.font.name = BODY_FONT
    title.font.size = Pt(28)
    title.font.color.rgb = ACCENT

    subtitle = doc.styles["Subtitle"]
    subtitle.font.name = BODY_FONT
    subtitle.font.size = Pt(16)

    h1 = doc.styles["Heading 1"]
    h1.font.name = BODY_FONT
    h1.font.size = Pt(12)
    h1.font.bold = True
    h1.font.color.rgb = ACCENT
    h1.paragraph_format.space_before = Pt(12)
    h1.paragraph_format.space_after = Pt(4)
    h1.paragraph_format.keep_with_next = True

    def add(name: str, base: str = "Normal") -> object:
        style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = doc.styles[base]
        style.quick_style = True
        return style

    part = add("BBM Part")
    part.font.size = Pt(13)
    part.font.bold = True
    part.font.all_caps = True
    part.font.color.rgb = ACCENT
    part.paragraph_format.space_before = Pt(18)
    part.paragraph_format.space_after = Pt(6)
    part.paragraph_format.keep_with_next = True

    sub = add("BBM Subclause")
    sub.paragraph_format.left_indent = Cm(1.0)
    sub.paragraph_format.first_line_indent = Cm(-1.0)
    sub.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY

    body = add("BBM Body")
    body.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY

    item = add("BBM List")
    item.paragraph_format.left_indent = Cm(1.75)
    item.paragraph_format.first_line_indent = Cm(-0.75)
    item.paragraph_format.space_after = Pt(3)

    recital = add("BBM Recital")
    recital.paragraph_format.left_indent = Cm(1.0)
    recital.paragraph_format.first_line_indent = Cm(-1.0)
    recital.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY

    annex = add("BBM Annex")
    annex.font.size = Pt(13)
    annex.font.bold = True
    annex.font.color.rgb = ACCENT
    annex.paragraph_format.space_before = Pt(12)
    annex.paragraph_format.keep_with_next = True

    lead = add("BBM Lead")
    lead.font.bold = True
    lead.paragraph_format.space_before = Pt(12)


def _field(paragraph: object, instruction: str) -> None:
    run = paragraph.add_run()  # type: ignore[attr-defined]
    for kind, text in (("begin", None), ("instr", instruction), ("separate", None), ("end", None)):
        if kind == "instr":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = f" {text} "
            run._r.append(instr)
            continue
        char = OxmlElement("w:fldChar")
        char.set(qn("w:fldCharType"), kind)
        run._r.append(char)
        if kind == "separate":
            placeholder = OxmlElement("w:t")
            placeholder.text = "1"
            run._r.append(placeholder)


def _para(doc: Document, text: str, style: str = "Normal") -> object:
    return doc.add_paragraph(text, style=style)


def build(out: Path) -> None:
    doc = Document()
    _styles(doc)
    section = doc.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.left_margin = section.right_margin = Cm(2.5)
    section.top_margin = section.bottom_margin = Cm(2.2)

    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("{{ frame.title }} – {{ page_word }} ")
    _field(footer, "PAGE")
    footer.add_run(" / ")
    _field(footer, "NUMPAGES")

    # title page
    for _ in range(6):
        doc.add_paragraph()
    _para(doc, "{{ frame.title }}", "Title")
    _para(doc, "{{r subtitle }}", "Subtitle")
    _para(doc, "{{ party_names }}")
    _para(doc, "{{ draft_note }}")
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    # parties
    _para(doc, "{{ frame.between }}", "BBM Lead")
    _para(doc, "{%p for p in parties %}")
    _para(doc, "{{r p }}", "BBM Body")
    _para(doc, "{%p if not loop.last %}")
    _para(doc, "{{ frame.and_word }}", "BBM Lead")
    _para(doc, "{%p endif %}")
    _para(doc, "{%p endfor %}")
    _para(doc, "{{ frame.parties_defined }}", "BBM Body")

    # recitals
    _para(doc, "{%p if recitals %}")
    _para(doc, "{{ frame.recitals_heading }}", "BBM Lead")
    _para(doc, "{%p for para in recitals %}")
    _para(doc, "{%p if para.kind == 'item' %}")
    _para(doc, "{{r para.text }}", "BBM List")
    _para(doc, "{%p else %}")
    _para(doc, "{{r para.text }}", "BBM Recital")
    _para(doc, "{%p endif %}")
    _para(doc, "{%p endfor %}")
    _para(doc, "{%p endif %}")
    _para(doc, "{{ frame.agreed }}", "BBM Lead")

    # articles, grouped per element
    _para(doc, "{%p for part in parts %}")
    _para(doc, "{{ part.title }}", "BBM Part")
    _para(doc, "{%p for art in part.articles %}")
    _para(doc, "{{ art.title }}", "Heading 1")
    _para(doc, "{%p for para in art.paragraphs %}")
    _para(doc, "{%p if para.kind == 'subclause' %}")
    _para(doc, "{{r para.text }}", "BBM Subclause")
    _para(doc, "{%p elif para.kind == 'item' %}")
    _para(doc, "{{r para.text }}", "BBM List")
    _para(doc, "{%p else %}")
    _para(doc, "{{r para.text }}", "BBM Body")
    _para(doc, "{%p endif %}")
    _para(doc, "{%p endfor %}")
    _para(doc, "{%p endfor %}")
    _para(doc, "{%p endfor %}")

    # closing and signatures
    _para(doc, "{{r closing }}", "BBM Body")
    sig = doc.add_table(rows=3, cols=2)
    sig.rows[0].cells[0].text = "{%tr for s in signatures %}"
    sig.rows[1].cells[0].text = "{{r s.for_ }}"
    sig.rows[1].cells[1].text = "\n\n\n______________________________"
    sig.rows[1].cells[1].add_paragraph("{{r s.by }}")
    sig.rows[2].cells[0].text = "{%tr endfor %}"

    # annexes
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    _para(doc, "{%p for annex in annexes %}")
    _para(doc, "{{ annex.title }}", "BBM Annex")
    _para(doc, "{%p if annex.intro %}")
    _para(doc, "{{r annex.intro }}", "BBM Body")
    _para(doc, "{%p endif %}")
    _para(doc, "{%p if annex.columns|length == 4 %}")
    _table4(doc)
    _para(doc, "{%p else %}")
    _table2(doc)
    _para(doc, "{%p endif %}")
    _para(doc, "{%p endfor %}")

    props = doc.core_properties
    props.title = "{{ frame.title }}"
    props.author = "bbm-contracts"
    out.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(out))


_WIDTHS = {4: (Cm(3.6), Cm(3.0), Cm(3.4), Cm(6.0)), 2: (Cm(9.0), Cm(7.0))}


def _grid(doc: Document, columns: int) -> None:
    table = doc.add_table(rows=4, cols=columns)
    table.style = doc.styles["Table Grid"]
    table.autofit = False
    for row in table.rows:
        for cell, width in zip(row.cells, _WIDTHS[columns], strict=True):
            cell.width = width
    for i in range(columns):
        cell = table.rows[0].cells[i]
        cell.text = ""
        cell.paragraphs[0].add_run(f"{{{{ annex.columns[{i}] }}}}").bold = True
    table.rows[1].cells[0].text = "{%tr for row in annex.rows %}"
    for i in range(columns):
        table.rows[2].cells[i].text = f"{{{{r row[{i}] }}}}"
    table.rows[3].cells[0].text = "{%tr endfor %}"


def _table4(doc: Document) -> None:
    _grid(doc, 4)


def _table2(doc: Document) -> None:
    _grid(doc, 2)


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).with_name("agreement.docx")
    build(target)
    print(f"wrote {target}")

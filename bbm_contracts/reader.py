"""Reading an existing agreement (.docx, .pdf, .txt/.md) into blocks.

The first stage of a review: a file becomes a `Document`, a tuple of
paragraph-like `Block`s in reading order. The format is told by the file's
first bytes, not only by its name, and every file that cannot be read —
missing, empty, damaged, encrypted, scanned, a zip bomb, an XML entity
attack, too large — is one `InputFileError` with a one-line reason. The
format readers live in `reader_docx`, `reader_pdf` and `reader_text`.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from .errors import InputFileError

BlockKind = Literal["heading", "paragraph", "list_item", "table_row"]
Format = Literal["docx", "pdf", "txt"]

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_COMPRESSION_RATIO = 200
MAX_ZIP_MEMBERS = 10_000
MAX_PAGES = 2000
MAX_BLOCKS = 100_000
SUPPORTED = ".docx, .pdf, .txt or .md"


@dataclass(frozen=True)
class Block:
    """One paragraph-like unit of an agreement, in reading order."""

    text: str
    kind: BlockKind
    index: int
    level: int | None = None
    number: str | None = None
    bold: bool = False
    style: str | None = None
    page: int | None = None
    source_index: int | None = None


@dataclass(frozen=True)
class Document:
    """An existing agreement read into blocks."""

    source: str
    format: Format
    blocks: tuple[Block, ...]
    pages: int | None = None


def read_document(path: str | Path) -> Document:
    """Read a .docx, .pdf, .txt or .md agreement into blocks."""
    source = Path(path)
    data = _read_bytes(source)
    kind = sniff_format(source, data)
    if kind == "docx":
        from .reader_docx import read_docx

        document = read_docx(source, data)
    elif kind == "pdf":
        from .reader_pdf import read_pdf

        document = read_pdf(source, data)
    else:
        from .reader_text import read_text

        document = read_text(source, data)
    check_block_count(source, len(document.blocks))
    return document


def check_block_count(source: Path, count: int) -> None:
    """Refuse a document with more blocks than a review can sensibly handle."""
    if count > MAX_BLOCKS:
        raise InputFileError(source, f"has more than {MAX_BLOCKS} paragraphs, over the limit for one agreement; "
                                     "split it into parts")


def check_page_count(source: Path, count: int) -> None:
    """Refuse a PDF with more pages than an agreement has."""
    if count > MAX_PAGES:
        raise InputFileError(source, f"has {count} pages, over the limit of {MAX_PAGES}; split it into parts")


# --- the file itself ------------------------------------------------------------------


def _read_bytes(source: Path) -> bytes:
    if source.is_dir():
        raise InputFileError(source, f"is a folder, not a file; give the agreement itself ({SUPPORTED})")
    try:
        size = source.stat().st_size
        if size > MAX_FILE_BYTES:
            raise InputFileError(source, f"is too large to read ({size / 1024 / 1024:.1f} MB; the limit is "
                                         f"{MAX_FILE_BYTES // 1024 // 1024} MB): split it or remove embedded media")
        data = source.read_bytes()
    except FileNotFoundError:
        raise InputFileError(source, "no such file; check its name and folder") from None
    except OSError as exc:
        raise InputFileError(source, f"cannot be read: {exc.strerror or exc}") from None
    if not data:
        raise InputFileError(source, f"is empty (0 bytes); give the agreement itself ({SUPPORTED})")
    return data


# --- which format ---------------------------------------------------------------------

_PDF, _ZIP, _EMPTY_ZIP = b"%PDF-", b"PK\x03\x04", b"PK\x05\x06"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_RTF = b"{\\rtf"
_SUFFIXES: dict[str, Format] = {".docx": "docx", ".pdf": "pdf", ".txt": "txt", ".md": "txt", ".markdown": "txt",
                                ".text": "txt"}
_NAMES = {"docx": "a Word .docx document", "pdf": "a PDF document", "txt": "plain text"}
_RENAME = {"docx": ".docx", "pdf": ".pdf", "txt": ".txt"}
_OTHER_FORMATS = {
    ".odt": "OpenDocument text: save it as .docx (Word) or PDF in LibreOffice",
    ".rtf": "RTF: save it as .docx or PDF in Word or LibreOffice",
    ".doc": "the old binary Word format: open it in Word or LibreOffice and save it as .docx",
    ".pages": "an Apple Pages document: export it as .docx or PDF",
}


def sniff_format(source: Path, data: bytes) -> Format:
    """The format of ``data``, by its first bytes; refuse what we cannot read."""
    if data.startswith(_OLE):
        raise InputFileError(source, _ole_reason(data))
    suffix = source.suffix.lower()
    if suffix and suffix not in _SUFFIXES:
        hint = _OTHER_FORMATS.get(suffix, "save it as .docx or PDF")
        raise InputFileError(source, f"'{suffix}' files are not supported ({hint}); supported are {SUPPORTED}")
    content = _content_format(source, data)
    expected = _SUFFIXES.get(suffix)
    if expected is not None and expected != content:
        raise InputFileError(source, f"is {_NAMES[content]}, not {_NAMES[expected]} as its name says; "
                                     f"rename it to {_RENAME[content]} and try again")
    return content


def _content_format(source: Path, data: bytes) -> Format:
    head = data[:1024]
    if head.startswith(_PDF) or (_PDF in head and source.suffix.lower() == ".pdf"):
        return "pdf"
    if head.startswith((_ZIP, _EMPTY_ZIP)):
        return _zip_format(source, data)
    if head.startswith(_RTF):
        raise InputFileError(source, f"is an RTF document, which is not supported: save it as .docx or PDF; "
                                     f"supported are {SUPPORTED}")
    if _looks_binary(data) and source.suffix.lower() in (".docx", ".pdf"):
        what = "Word .docx document (it is not a zip package)" if source.suffix.lower() == ".docx" else "PDF"
        raise InputFileError(source, f"is damaged or not a {what}; open the original and save it again")
    if _looks_binary(data):
        raise InputFileError(source, f"is not a document we can read (binary content); supported are {SUPPORTED}")
    return "txt"


def _looks_binary(data: bytes) -> bool:
    head = data[:65536]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False  # UTF-16 text with a byte-order mark
    return b"\x00" in head


def _ole_reason(data: bytes) -> str:
    """An OLE compound file is an encrypted Office document or an old binary one."""
    if "EncryptedPackage".encode("utf-16-le") in data:
        return ("is a password-protected (encrypted) Word document; open it in Word, remove the password "
                "(File > Info > Protect Document > Encrypt with Password) and save it as .docx")
    if "WordDocument".encode("utf-16-le") in data:
        return "is an old binary Word .doc file, not .docx; open it in Word or LibreOffice and save it as .docx"
    return ("is an old Office compound file (an encrypted document or a .doc/.xls), not a .docx; "
            "save it as .docx without a password")


# --- zip packages ---------------------------------------------------------------------


def open_package(source: Path, data: bytes) -> zipfile.ZipFile:
    """The zip package in ``data``, checked against zip bombs before anything is unpacked."""
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise InputFileError(source, "is damaged: not a complete zip package as a .docx must be (truncated or "
                                     "corrupt); open it in Word and save it again, or get a fresh copy") from None
    check_package_limits(source, package.infolist())
    return package


def check_package_limits(source: Path, members: list[zipfile.ZipInfo]) -> None:
    """Refuse a zip bomb from the sizes its directory declares (zipfile never unpacks more than that)."""
    if len(members) > MAX_ZIP_MEMBERS:
        raise InputFileError(source, f"is refused: its zip package has {len(members)} parts, over the limit of "
                                     f"{MAX_ZIP_MEMBERS} (a zip bomb?)")
    total = sum(member.file_size for member in members)
    if total > MAX_UNPACKED_BYTES:
        raise InputFileError(source, f"is refused: its zip package unpacks to {total / 1024 / 1024:.0f} MB, over "
                                     f"the limit of {MAX_UNPACKED_BYTES // 1024 // 1024} MB (a zip bomb?)")
    for member in members:
        ratio = member.file_size / max(member.compress_size, 1)
        if ratio > MAX_COMPRESSION_RATIO and member.file_size > 1024 * 1024:
            raise InputFileError(source, f"is refused: its part '{member.filename}' is compressed {ratio:.0f}:1, "
                                         f"over the limit of {MAX_COMPRESSION_RATIO}:1 (a zip bomb?)")


def _zip_format(source: Path, data: bytes) -> Format:
    with open_package(source, data) as package:
        names = set(package.namelist())
        if "word/document.xml" in names:
            return "docx"
        raise InputFileError(source, _other_package(package, names))


def _other_package(package: zipfile.ZipFile, names: set[str]) -> str:
    if "mimetype" in names and package.getinfo("mimetype").file_size < 200:
        mimetype = package.read("mimetype").decode("ascii", "replace")
        if "opendocument.text" in mimetype:
            return f"is an OpenDocument text (.odt), not a .docx: save it as .docx in LibreOffice; supported are {SUPPORTED}"
    if "xl/workbook.xml" in names:
        return "is an Excel workbook, not a Word document"
    if "ppt/presentation.xml" in names:
        return "is a PowerPoint presentation, not a Word document"
    return f"is a zip archive, not a Word document (it has no word/document.xml); supported are {SUPPORTED}"

"""A .docx is a zip of XML parts; `check_package` vets one before python-docx opens it.

Rules of this module:
- the zip directory is checked first, before anything is decompressed: at most
  `max_members` members, stored or deflated (what Word writes), none larger than
  `max_member` uncompressed, none over `RATIO_FLOOR` expanding more than `max_ratio`
  times, all together at most `max_unzipped` → else `decompression_bomb`;
- then every member is decompressed in chunks and the bytes that really come out are
  counted against the same limits (a directory can lie), CRCs included;
- every XML part (by `[Content_Types].xml`, and every `*.xml`/`*.rels`) is scanned as it
  streams past: a document type declaration is refused (`unsafe_xml`), as ECMA-376
  Part 2 requires of package readers (M1.18, "shall treat the presence of DTD
  declarations as an error"), so no entity is ever declared — no external entity to
  fetch, no billion-laughs expansion — whatever the XML parser's settings; and since
  M1.17 allows only UTF-8 and UTF-16, a part in another encoding (UTF-32, EBCDIC, a
  declared `encoding="utf-7"`) is refused too, which is what makes the byte scan sound.

python-docx itself parses with lxml `resolve_entities=False` (lxml's `no_network` and
`load_dtd=False` are defaults): a second line of defence, which tests check.
"""

from __future__ import annotations

import codecs
import io
import posixpath
import zipfile
from xml.etree import ElementTree

from dutyparse.pattern_cache import compiled
from dutyparse.readers.errors import ReadError, library_error
from dutyparse.readers.limits import RATIO_FLOOR, Limits

_CHUNK = 1 << 20
_METHODS = frozenset((zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED))
# `<!DOCTYPE` as UTF-8 and as UTF-16 in either byte order, lower-cased as the scan
# lower-cases what it reads (XML spells it in capitals; refusing any case costs nothing).
_DOCTYPES = tuple("<!doctype".encode(codec) for codec in ("utf-8", "utf-16-le", "utf-16-be"))
_OVERLAP = max(map(len, _DOCTYPES)) - 1  # a declaration may straddle two chunks
# First bytes of XML in an encoding OPC forbids (XML 1.0 Appendix F): UTF-32 with and
# without a byte-order mark, EBCDIC.
_FORBIDDEN_STARTS = (b"\x00\x00\xfe\xff", b"\xff\xfe\x00\x00", b"\x00\x00\x00<", b"<\x00\x00\x00",
                     b"\x4c\x6f\xa7\x94")
# <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
_DECLARED = compiled(r"""<\?xml[^>]*?encoding\s*=\s*["']([^"']*)["']""")
_ALLOWED = frozenset(("utf-8", "utf8", "utf-16", "utf16"))
_CONTENT_TYPES = "[Content_Types].xml"
_CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"


def check_package(data: bytes, limits: Limits) -> None:
    """Raise `ReadError` unless `data` is a zip that is safe to hand to python-docx."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
        check_directory(infos, limits)
        xml_parts = _xml_parts(archive)
        total = 0
        for info in infos:
            total += _check_member(archive, info, info.filename in xml_parts, limits, total)
    except ReadError:
        raise
    except Exception as exc:  # zipfile raises BadZipFile, zlib.error, EOFError, …
        raise ReadError("corrupt", f"not a readable .docx file ({library_error(exc)})") from exc


def check_directory(infos: list[zipfile.ZipInfo], limits: Limits) -> None:
    """The limits, checked on the sizes the zip directory declares."""
    if len(infos) > limits.max_members:
        _bomb(f"{len(infos):,} members (limit {limits.max_members:,})")
    for info in infos:
        if info.compress_type not in _METHODS:
            raise ReadError("corrupt", f"not a readable .docx file (compression method "
                                       f"{info.compress_type} in {info.filename!r})")
        _check_size(info, info.file_size, limits)
    _check_total(sum(info.file_size for info in infos), limits)


def _check_size(info: zipfile.ZipInfo, size: int, limits: Limits) -> None:
    if size > limits.max_member:
        _bomb(f"{info.filename!r} expands to over {limits.max_member:,} bytes")
    if size > RATIO_FLOOR and size > limits.max_ratio * max(info.compress_size, 1):
        _bomb(f"{info.filename!r} expands over {limits.max_ratio}:1")


def _check_total(total: int, limits: Limits) -> None:
    if total > limits.max_unzipped:
        _bomb(f"members expand to over {limits.max_unzipped:,} bytes")


def _bomb(detail: str) -> None:
    raise ReadError("decompression_bomb", f"refused .docx (a zip bomb?): {detail}")


def _check_member(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, xml: bool, limits: Limits, before: int
) -> int:
    """Decompress one member, enforcing the limits on its real size; its size."""
    size, tail = 0, b""
    with archive.open(info) as member:
        while chunk := member.read(_CHUNK):
            if xml:
                if size == 0:
                    _check_encoding(info.filename, chunk)
                tail = _scan(info.filename, tail + chunk.lower())
            size += len(chunk)
            _check_size(info, size, limits)
            _check_total(before + size, limits)
    return size


def _check_encoding(name: str, head: bytes) -> None:
    declared = _DECLARED.match(_ascii_head(head))
    encoding = declared.group(1).lower() if declared else "utf-8"
    if head.startswith(_FORBIDDEN_STARTS) or encoding not in _ALLOWED:
        raise ReadError("unsafe_xml", f"refused .docx: {name!r} is not UTF-8 or UTF-16 XML")


def _ascii_head(head: bytes) -> str:
    """The start of a part as text, whichever of UTF-8 and UTF-16 it is in."""
    codec = "utf-8"
    if head.startswith((codecs.BOM_UTF16_LE, b"<\x00")):
        codec = "utf-16-le"
    elif head.startswith((codecs.BOM_UTF16_BE, b"\x00<")):
        codec = "utf-16-be"
    return head[:512].decode(codec, "ignore").lstrip("\ufeff")


def _scan(name: str, data: bytes) -> bytes:
    """Refuse a DTD in `data` (lower-cased); the bytes to carry into the next chunk."""
    if any(doctype in data for doctype in _DOCTYPES):
        raise ReadError("unsafe_xml", f"refused .docx: {name!r} has a DTD (<!DOCTYPE>)")
    return data[-_OVERLAP:]


def _xml_parts(archive: zipfile.ZipFile) -> set[str]:
    """Member names python-docx may parse as XML: by content type, and by extension."""
    names = {info.filename for info in archive.infolist()}
    found = {n for n in names if n.lower().endswith((".xml", ".rels"))}
    if _CONTENT_TYPES not in names:
        return found  # python-docx will refuse the package itself
    info = archive.getinfo(_CONTENT_TYPES)
    _check_member(archive, info, True, _CT_LIMITS, 0)  # vetted before it is parsed here
    root = ElementTree.fromstring(archive.read(info))
    xml_extensions = {
        (el.get("Extension") or "").lower()
        for el in root.iter(_CT + "Default")
        if _is_xml(el.get("ContentType"))
    }
    overrides = {  # python-docx matches part names ignoring case, as OPC says (M1.12)
        (el.get("PartName") or "").lstrip("/").lower()
        for el in root.iter(_CT + "Override")
        if _is_xml(el.get("ContentType"))
    }
    for name in names:
        extension = posixpath.splitext(name)[1].lstrip(".").lower()
        if extension in xml_extensions or name.lower() in overrides:
            found.add(name)
    return found


def _is_xml(content_type: str | None) -> bool:
    """`application/xml`, `…+xml`, `text/xml` — what python-docx parses as XML."""
    return content_type is not None and content_type.split(";")[0].strip().lower().endswith("xml")


# [Content_Types].xml is a list of a few dozen short elements: 16 MiB is already absurd.
_CT_LIMITS = Limits(max_member=16 << 20, max_unzipped=16 << 20)

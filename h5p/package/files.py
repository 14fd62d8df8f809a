"""Which files a package may carry: H5P's extension whitelist, content sniffing, and the SVG rule.

Extensions: H5P core's defaults, `H5PCore::$defaultContentWhitelist` and
`$defaultLibraryWhitelistExtras` in h5p-php-library's h5p.classes.php (gltf and glb were added
in 2021; H5P-Nodejs-library's `H5PConfig.contentWhitelist` is the same list). HTML, PHP,
executables and files without an extension are not on it.

Content sniffing (the hub's own rule; H5P core trusts extensions): a content image, PDF, audio
or video file must really be one, so HTML or script disguised as `.png` is refused; no content
file may be HTML or an executable whatever its name. Library files are code by nature and are
not sniffed; the player serves every package from a sandboxed origin (DESIGN.md).

SVG: nh3 (ammonia) sanitises HTML fragments only: it has no SVG element list and would re-serialise
the image as HTML, so it cannot clean an SVG without breaking it. SVGs are therefore parsed
(defusedxml: no entity declarations, nothing fetched) and refused, naming the rule, when they hold anything active:
scripts, event handlers, foreignObject, javascript: or external references, styles loading URLs.
Refusing keeps the author's file byte for byte instead of silently changing it.
"""
import re

import magic
from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException

CONTENT_EXTENSIONS = frozenset((
    "json png jpg jpeg gif bmp tif tiff svg eot ttf woff woff2 otf webm mp4 ogg mp3 m4a wav txt pdf "
    "rtf doc docx xls xlsx ppt pptx odt ods odp xml csv diff patch swf md textile vtt webvtt gltf glb"
).split())
LIBRARY_EXTENSIONS = CONTENT_EXTENSIONS | {"js", "css"}

# Bytes handed to libmagic; enough for every signature it needs for these types.
SNIFF_BYTES = 8192

# extension -> MIME types libmagic may report for a genuine file of that type.
STRICT_TYPES = {
    "png": {"image/png"},
    "jpg": {"image/jpeg"},
    "jpeg": {"image/jpeg"},
    "gif": {"image/gif"},
    "bmp": {"image/bmp", "image/x-ms-bmp"},
    "tif": {"image/tiff"},
    "tiff": {"image/tiff"},
    "pdf": {"application/pdf"},
}
# Audio and video must sniff as audio or video, or as unrecognised binary (libmagic does not know
# every container variant); never as text, a document or a program.
MEDIA_EXTENSIONS = frozenset({"webm", "mp4", "ogg", "mp3", "m4a", "wav"})
MEDIA_TYPES = ("audio/", "video/", "application/ogg", "application/octet-stream")
# Never acceptable as content, whatever the extension says.
FORBIDDEN_TYPES = (
    "text/html", "application/xhtml+xml", "text/x-php", "text/x-shellscript", "text/x-python",
    "text/x-perl", "text/javascript", "application/javascript",
    "application/x-executable", "application/x-pie-executable", "application/x-sharedlib",
    "application/x-dosexec", "application/x-mach-binary", "application/x-msdownload",
)


def extension(name):
    """Lower-case extension of the last path segment, or "" when it has none."""
    last = name.rsplit("/", 1)[-1]
    return last.rsplit(".", 1)[-1].lower() if "." in last.strip(".") else ""


def sniff(head):
    """The MIME type libmagic sees in the first bytes of a file."""
    return magic.from_buffer(head, mime=True) if head else "application/x-empty"


def content_type_problem(ext, head):
    """The detected type when `head` does not fit a content file named `.ext`, else None."""
    if ext == "svg":
        return None  # parsed and checked as XML instead (svg_problem)
    detected = sniff(head)
    if detected == "application/x-empty":
        return None
    if detected.startswith(FORBIDDEN_TYPES):
        return detected
    if ext in STRICT_TYPES and detected not in STRICT_TYPES[ext]:
        return detected
    if ext in MEDIA_EXTENSIONS and not detected.startswith(MEDIA_TYPES):
        return detected
    return None


SVG_FORBIDDEN_ELEMENTS = {"script", "foreignobject", "iframe", "embed", "object", "handler", "listener"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction"}
# A local reference ("#id") or an embedded raster image; everything else loads from elsewhere.
SAFE_URL = re.compile(r"#|data:image/(png|jpe?g|gif|webp);", re.I)
CSS_URL = re.compile(r"url\s*\(\s*['\"]?\s*(?!#)|@import|expression\s*\(", re.I)
CONTROL = re.compile(r"[\x00-\x20]+")


def _local(name):
    return name.rsplit("}", 1)[-1].lower()


def svg_problem(data):
    """Why an SVG document is refused (a short rule name for the message), or None when it is passive."""
    try:
        root = ElementTree.fromstring(data)  # a plain DOCTYPE is fine; entities are refused
    except DefusedXmlException:
        return "entity declarations"
    except ElementTree.ParseError as exc:
        return f"not well-formed XML: {exc}"
    if b"<?xml-stylesheet" in data:
        return "xml-stylesheet"
    for element in root.iter():
        tag = _local(element.tag) if isinstance(element.tag, str) else ""
        if tag in SVG_FORBIDDEN_ELEMENTS:
            return f"<{tag}>"
        if tag == "style" and CSS_URL.search(element.text or ""):
            return "<style> loading a URL"
        if tag in {"animate", "set"} and _local(element.get("attributeName", "")).endswith("href"):
            return f"<{tag}> changing a link"
        for attribute, value in element.attrib.items():
            name = _local(attribute)
            # Any scheme needs a colon; font glyph paths (long, colon-free) skip the folding.
            folded = CONTROL.sub("", value).lower() if ":" in value else value
            if name.startswith("on"):
                return f"{name}= event handler"
            if "javascript:" in folded or "vbscript:" in folded:
                return f"{name}=javascript:"
            if name in URL_ATTRIBUTES and folded and not SAFE_URL.match(folded):
                return f"{name}= external reference"
            if name == "style" and CSS_URL.search(value):
                return "style= loading a URL"
    return None

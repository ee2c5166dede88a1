"""The PAdES signature of a final report (pyHanko).

``with_signature_field`` adds an empty signature field over the head's signature block of the
last chapter (found by its named destination in the PDF), so the national signing service
(BSrE) or any PAdES tool can sign it. ``check_signed`` accepts a signed PDF back only when its
first bytes are exactly the frozen final and its signature is intact and covers the whole
file; anything else is refused with an Indonesian message.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from datetime import datetime

from django.utils.translation import gettext as _

FIELD_NAME = "TandaTanganKepala"
ANCHOR = "tanda-tangan-kepala"  # templates/reports/pp39/_signature.html
MM = 72 / 25.4
FIELD_WIDTH, FIELD_HEIGHT = 80 * MM, 22 * MM  # report.css: .signature width, .sign-space height


class SignatureRefused(ValueError):
    """The uploaded PDF is not a valid signature of the final version (message in Indonesian)."""


@dataclass(frozen=True)
class SignatureCheck:
    signer: str
    signed_at: datetime | None


def _named_destinations(reader) -> dict[str, object]:
    names = reader.root.get("/Names")
    tree = names.get("/Dests") if names is not None else None
    out: dict[str, object] = {}

    def walk(node) -> None:
        node = node.get_object()
        if "/Names" in node:
            pairs = list(node["/Names"])
            for i in range(0, len(pairs) - 1, 2):
                out[str(pairs[i])] = pairs[i + 1].get_object()
        for kid in node.get("/Kids", []):
            walk(kid)

    if tree is not None:
        walk(tree)
    return out


def _field_box(reader) -> tuple[int, tuple[float, float, float, float]]:
    """(page index, box) of the head's signature space; the last page's lower right when the
    document has no such anchor."""
    count = int(reader.root["/Pages"]["/Count"])
    pages = [reader.find_page_for_modification(i)[0].idnum for i in range(count)]
    dest = _named_destinations(reader).get(ANCHOR)
    if dest is not None:
        array = dest["/D"] if isinstance(dest, dict) else dest
        page_ref, left, top = array.raw_get(0), float(array[2]), float(array[3])
        if page_ref.idnum in pages:
            return pages.index(page_ref.idnum), (left, top - FIELD_HEIGHT, left + FIELD_WIDTH, top)
    return count - 1, (320.0, 90.0, 320.0 + FIELD_WIDTH, 90.0 + FIELD_HEIGHT)


def with_signature_field(pdf: bytes) -> bytes:
    """The PDF with an empty signature field at the head's signature block."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign.fields import SigFieldSpec, append_signature_field

    class Writer(IncrementalPdfFileWriter):
        def _update_meta(self) -> None:
            """No modification date: the same report gives the same bytes."""

    writer = Writer(io.BytesIO(pdf))
    # the update's file identifier derived from the content instead of random bytes
    digest = hashlib.sha256(pdf).digest()
    has_id = "/ID" in writer.prev.trailer
    first = writer._document_id[0] if has_id else generic.ByteStringObject(digest[16:])
    second = generic.ByteStringObject(digest[:16])
    writer._document_id = generic.ArrayObject([first, second])
    page, box = _field_box(writer.prev)
    append_signature_field(
        writer,
        SigFieldSpec(sig_field_name=FIELD_NAME, on_page=page, box=tuple(round(v, 2) for v in box)),
    )
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def check_signed(signed: bytes, frozen: bytes) -> SignatureCheck:
    """Verifies that ``signed`` is the frozen final PDF signed once, intact, over all of it;
    raises SignatureRefused with the reason otherwise."""
    from pyhanko.pdf_utils.misc import PdfReadError
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    if not signed.startswith(b"%PDF"):
        raise SignatureRefused(_("Berkas yang diunggah bukan PDF."))
    if not signed.startswith(frozen) or len(signed) == len(frozen):
        raise SignatureRefused(
            _(
                "PDF yang diunggah bukan versi final yang dibekukan: isinya berbeda dari berkas "
                "final yang diunduh dari Perkin. Tandatangani berkas final tersebut tanpa "
                "mengubahnya."
            )
        )
    try:
        reader = PdfFileReader(io.BytesIO(signed), strict=False)
        signatures = reader.embedded_signatures
    except (PdfReadError, ValueError, KeyError) as exc:
        raise SignatureRefused(
            _("PDF yang diunggah tidak dapat dibaca: %(e)s") % {"e": exc}
        ) from exc
    if not signatures:
        raise SignatureRefused(_("PDF yang diunggah belum memuat tanda tangan elektronik."))
    if len(signatures) > 1:
        raise SignatureRefused(_("PDF yang diunggah memuat lebih dari satu tanda tangan."))
    sig = signatures[0]
    if sig.field_name != FIELD_NAME:
        raise SignatureRefused(
            _("Tanda tangan tidak berada pada kolom tanda tangan kepala (%(f)s).")
            % {"f": FIELD_NAME}
        )
    try:
        # intact and cryptographically valid; trust in the signer's certificate (BSrE's chain)
        # is the signing service's business, and nothing is fetched from the network
        context = ValidationContext(trust_roots=[], allow_fetching=False)
        status = validate_pdf_signature(sig, signer_validation_context=context)
    except Exception as exc:  # noqa: BLE001 - any failure of validation is a refusal
        raise SignatureRefused(
            _("Tanda tangan tidak dapat diverifikasi: %(e)s") % {"e": exc}
        ) from exc
    if not (status.intact and status.valid):
        raise SignatureRefused(_("Tanda tangan tidak utuh: dokumen diubah setelah ditandatangani."))
    if status.coverage != SignatureCoverageLevel.ENTIRE_FILE:
        raise SignatureRefused(
            _("Tanda tangan tidak mencakup seluruh berkas: ada perubahan setelah ditandatangani.")
        )
    signer = status.signing_cert.subject.human_friendly if status.signing_cert else ""
    return SignatureCheck(signer=signer, signed_at=status.signer_reported_dt)

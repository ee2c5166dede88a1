"""Final versions, the head's acknowledgements and the electronic signature: a final file
downloads byte-identical forever; a PDF signed over the frozen final becomes the official
report; a PDF changed by one byte, or signed over different content, is refused."""

from __future__ import annotations

import contextlib
import datetime
import hashlib
import io

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import signers

from perkin import services
from perkin.models import ReportText
from reports.checks import build_quarterly_report
from reports.finals import store as finals
from reports.finals.signature import FIELD_NAME, SignatureRefused, check_signed
from reports.models import FinalVersion

pytestmark = pytest.mark.django_db


@pytest.fixture
def signer(tmp_path):
    """A PAdES signer with a key and self-signed certificate made for the test."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Kepala BSPJI Palembang (uji)")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=30))
        .add_extension(
            x509.KeyUsage(True, True, False, False, False, False, False, False, False),
            critical=True,
        )
        .sign(key, hashes.SHA256())
    )
    key_file, cert_file = tmp_path / "key.pem", tmp_path / "cert.pem"
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return signers.SimpleSigner.load(str(key_file), str(cert_file))


def sign(pdf: bytes, signer) -> bytes:
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    out = signers.sign_pdf(
        writer, signers.PdfSignatureMetadata(field_name=FIELD_NAME), signer=signer
    )
    return out.getvalue()


def _acknowledge_all(unit, year, quarter, user) -> None:
    report = build_quarterly_report(unit, year, quarter)
    for f in report.open_errors:
        finals.acknowledge(
            unit=unit,
            year=year,
            quarter=quarter,
            finding=f,
            reason="Diterima untuk uji.",
            user=user,
        )


def test_quarter_with_open_errors_is_a_draft_and_cannot_be_finalised(demo_unit, head):
    report = build_quarterly_report(demo_unit, 2024, 1)
    assert report.is_draft and report.open_errors
    with pytest.raises(finals.FinalisationRefused, match="temuan kesalahan"):
        finals.render_final_version(unit=demo_unit, year=2024, quarter=1, user=head)
    unlocked = build_quarterly_report(demo_unit, 2024, 4)  # the demo leaves Q4 open
    assert "belum dikunci" in " ".join(finals.blockers(unlocked))


def test_acknowledged_finding_closes_the_draft_and_goes_to_the_annex(demo_unit, head):
    report = build_quarterly_report(demo_unit, 2024, 1)
    first = report.open_errors[0]
    finals.acknowledge(
        unit=demo_unit, year=2024, quarter=1, finding=first, reason="Sudah dijelaskan.", user=head
    )
    again = build_quarterly_report(demo_unit, 2024, 1)
    assert first.fingerprint not in {f.fingerprint for f in again.open_errors}
    assert [(f.code, a.reason) for f, a in again.acknowledged_findings] == [
        (first.code, "Sudah dijelaskan.")
    ]
    with pytest.raises(ValueError, match="Alasan wajib"):
        finals.acknowledge(
            unit=demo_unit,
            year=2024,
            quarter=1,
            finding=again.open_errors[0],
            reason=" ",
            user=head,
        )


def test_final_version_is_stable_signed_and_verified(demo_unit, head, client, signer):
    _acknowledge_all(demo_unit, 2024, 1, head)
    v1 = finals.render_final_version(unit=demo_unit, year=2024, quarter=1, user=head)
    assert v1.number == 1 and v1.pdf_sha256 == hashlib.sha256(bytes(v1.pdf)).hexdigest()
    client.force_login(head)
    url = f"/u/BSPJI-PLG/laporan/final/{v1.pk}.pdf"
    first, second = client.get(url), client.get(url)
    assert first.status_code == 200 and first.content == second.content == bytes(v1.pdf)
    assert hashlib.sha256(first.content).hexdigest() == v1.pdf_sha256
    for fmt in ("xlsx", "json"):
        body = client.get(f"/u/BSPJI-PLG/laporan/final/{v1.pk}.{fmt}").content
        assert hashlib.sha256(body).hexdigest() == getattr(v1, f"{fmt}_sha256")

    # a second version needs a reason, and a change: the same facts render the same bytes
    with pytest.raises(finals.FinalisationRefused, match="alasan"):
        finals.render_final_version(unit=demo_unit, year=2024, quarter=1, user=head)
    with pytest.raises(finals.FinalisationRefused, match="tidak berubah"):
        finals.render_final_version(unit=demo_unit, year=2024, quarter=1, user=head, reason="x")
    # a correction needs the quarter unlocked (with a reason) and locked again
    services.quarter_unlock(unit=demo_unit, year=2024, quarter=1, user=head, reason="Koreksi.")
    ReportText.objects.create(
        unit=demo_unit, year=2024, quarter=1, key="closing_intro", text="Narasi yang dikoreksi."
    )
    services.quarter_lock(unit=demo_unit, year=2024, quarter=1, user=head)
    v2 = finals.render_final_version(
        unit=demo_unit, year=2024, quarter=1, user=head, reason="Koreksi narasi."
    )
    assert (v2.number, v2.reason) == (2, "Koreksi narasi.") and v2.pdf_sha256 != v1.pdf_sha256

    frozen = bytes(v1.pdf)
    _assert_empty_signature_field(frozen)
    signed = sign(frozen, signer)
    changed = bytearray(signed)
    changed[len(frozen) // 2] ^= 0x01  # one byte of the signed content
    for i, (bad, reason) in enumerate(
        (
            (bytes(changed), "bukan versi final"),
            (signed[:-200] + b"x" * 200, "tidak"),
            (sign(bytes(v2.pdf), signer), "bukan versi final"),  # signed over different content
            (frozen, "bukan versi final"),  # not signed at all
        )
    ):
        with _case(i), pytest.raises(SignatureRefused, match=reason):
            check_signed(bad, frozen)
    response = client.post(
        f"/u/BSPJI-PLG/laporan/final/{v1.pk}/tanda-tangan/",
        {"signed": _upload(sign(bytes(v2.pdf), signer))},
        follow=True,
    )
    assert "PDF ditolak" in response.content.decode()
    assert not FinalVersion.objects.get(pk=v1.pk).is_signed

    response = client.post(
        f"/u/BSPJI-PLG/laporan/final/{v1.pk}/tanda-tangan/",
        {"signed": _upload(signed)},
        follow=True,
    )
    assert "Tanda tangan terverifikasi" in response.content.decode()
    official = FinalVersion.objects.get(pk=v1.pk)
    assert official.is_signed and "Kepala BSPJI Palembang (uji)" in official.signer
    assert client.get(f"/u/BSPJI-PLG/laporan/final/{v1.pk}.resmi").content == signed
    assert client.get(url).content == frozen  # the frozen final is unchanged
    page = client.get("/u/BSPJI-PLG/laporan/?year=2024&q=1").content.decode()
    assert v1.pdf_sha256 in page and v2.pdf_sha256 in page


@contextlib.contextmanager
def _case(i):
    try:
        yield
    except BaseException as exc:
        raise AssertionError(f"case {i}") from exc


def _upload(content: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("signed.pdf", content, content_type="application/pdf")


def _assert_empty_signature_field(pdf: bytes) -> None:
    """The final PDF carries one empty signature field, on the page of the head's signature
    block at the end of BAB IV."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pypdf import PdfReader

    reader = PdfFileReader(io.BytesIO(pdf))
    field = reader.root["/AcroForm"]["/Fields"][0]
    assert field["/T"] == FIELD_NAME and field["/FT"] == "/Sig" and "/V" not in field
    widget_page = field.raw_get("/P").idnum
    pages = PdfReader(io.BytesIO(pdf)).pages
    index = next(i for i, p in enumerate(pages) if p.indirect_reference.idnum == widget_page)
    assert "Arya Yudistira" in pages[index].extract_text()

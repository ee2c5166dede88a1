"""Planning staff enter a month; the head returns, approves and locks; nobody else can."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from perkin.models import Evidence, Indicator, MonthlyRealisation, QuarterLock

pytestmark = pytest.mark.django_db

NOV = "/u/BSPJI-PLG/isi/2024/11/"


def indicators():
    return list(
        Indicator.objects.filter(
            goal__agreement__unit__code="BSPJI-PLG", goal__agreement__year=2024
        ).order_by("goal__number", "number")
    )


def month_rows(month):
    return {
        r.indicator_id: r
        for r in MonthlyRealisation.objects.filter(
            indicator__goal__agreement__unit__code="BSPJI-PLG", month=month
        )
    }


def post_data(month, changes=None, action="save"):
    """The page's form as the browser would post it, with `changes` {pk: {field: value}}."""
    data = {"action": action}
    rows = month_rows(month)
    for ind in indicators():
        row = rows[ind.pk]
        values = {
            "physical_pct": str(row.physical_pct).replace(".", ","),
            "activities_done": row.activities_done,
            "value_to_date": ""
            if row.value_to_date is None
            else str(row.value_to_date).replace(".", ","),
            "version": str(row.version),
        }
        values.update((changes or {}).get(ind.pk, {}))
        for key, value in values.items():
            data[f"r{ind.pk}-{key}"] = value
    return data


def test_planner_saves_a_month_and_it_is_recorded(client, planner):
    client.force_login(planner)
    first = indicators()[0]
    response = client.post(
        NOV,
        post_data(
            11, {first.pk: {"physical_pct": "92,5", "activities_done": "Pendampingan lanjutan"}}
        ),
    )
    assert response.status_code == 302
    row = MonthlyRealisation.objects.get(indicator=first, month=11)
    assert row.physical_pct == Decimal("92.50") and row.status == "draft" and row.version == 2
    assert row.updated_by == planner
    history = row.history.order_by("-history_date").first()
    assert history.history_user == planner and history.physical_pct == Decimal("92.50")
    page = client.get(NOV).content.decode()
    assert "Tersimpan 1 indikator (I.1) untuk November 2024" in page


@pytest.mark.parametrize(
    "value,fragment",
    [
        ("150", "antara 0 dan 100"),
        ("-3", "antara 0 dan 100"),
        ("abc", "harus berupa angka"),
        ("70", "tidak boleh lebih rendah dari bulan sebelumnya (Oktober: 80,00%)"),
    ],
)
def test_bad_physical_pct_is_refused_with_the_field_named_and_nothing_saved(
    client, planner, value, fragment
):
    client.force_login(planner)
    first, second = indicators()[:2]
    before = {pk: (r.physical_pct, r.version) for pk, r in month_rows(11).items()}
    response = client.post(
        NOV,
        post_data(
            11,
            {
                first.pk: {"physical_pct": value},
                second.pk: {
                    "physical_pct": "95"
                },  # a valid change in the same post is not saved either
            },
        ),
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Realisasi fisik" in html and fragment in html
    assert f'value="{value}"' in html  # the user's input is kept
    after = {pk: (r.physical_pct, r.version) for pk, r in month_rows(11).items()}
    assert after == before


def test_submit_return_with_reason_approve_and_lock(client, planner, head):
    client.force_login(planner)
    assert client.post(NOV, post_data(11, action="submit")).status_code == 302
    assert {r.status for r in month_rows(11).values()} == {"submitted"}
    client.force_login(head)
    assert (
        client.post(NOV + "kembalikan/", {"reason": "Lengkapi bukti dukung II.3"}).status_code
        == 302
    )
    assert {r.status for r in month_rows(11).values()} == {"returned"}
    client.force_login(planner)
    assert "Lengkapi bukti dukung II.3" in client.get(NOV).content.decode()
    # a returned month keeps the quarter open: approving December lists it and locks nothing
    client.force_login(head)
    response = client.post("/u/BSPJI-PLG/isi/2024/12/setujui/", follow=True)
    assert "Triwulan 4 2024 belum dapat dikunci: 15 isian belum disetujui" in (
        response.content.decode()
    )
    assert "I.1 November: Dikembalikan" in response.content.decode()
    assert not QuarterLock.objects.filter(
        unit__code="BSPJI-PLG", year=2024, quarter=4, locked=True
    ).exists()
    client.force_login(planner)  # the planner corrects and submits November again
    assert client.post(NOV, post_data(11, action="submit")).status_code == 302
    client.force_login(head)
    assert client.post("/u/BSPJI-PLG/isi/2024/12/setujui/").status_code == 302
    assert QuarterLock.objects.get(unit__code="BSPJI-PLG", year=2024, quarter=4).locked
    assert {r.status for r in month_rows(12).values()} == {"approved"}
    assert {r.status for r in month_rows(10).values()} == {"approved"}
    # the locked quarter refuses writes on the server, whatever the page shows
    client.force_login(planner)
    before = {pk: r.version for pk, r in month_rows(10).items()}
    response = client.post(
        "/u/BSPJI-PLG/isi/2024/10/", post_data(10, {indicators()[0].pk: {"physical_pct": "85"}})
    )
    assert response.status_code == 409
    assert "dikunci" in response.content.decode()
    assert {pk: r.version for pk, r in month_rows(10).items()} == before
    # only the head unlocks, with a recorded reason
    assert client.post("/u/BSPJI-PLG/kunci/2024/4/buka/", {"reason": "x"}).status_code == 403
    client.force_login(head)
    client.post("/u/BSPJI-PLG/kunci/2024/4/buka/", {"reason": "Koreksi nilai IP ASN"})
    lock = QuarterLock.objects.get(unit__code="BSPJI-PLG", year=2024, quarter=4)
    assert not lock.locked and lock.reason == "Koreksi nilai IP ASN" and lock.locked_by == head
    assert lock.history.count() >= 2


def test_head_cannot_enter_and_planner_cannot_approve(client, planner, head):
    client.force_login(planner)
    assert client.post(NOV + "setujui/").status_code == 403
    assert client.post(NOV + "kembalikan/", {"reason": "x"}).status_code == 403
    client.force_login(head)
    assert client.post(NOV, post_data(11)).status_code == 403


def test_other_units_planner_gets_404_everywhere(client, other_planner):
    client.force_login(other_planner)
    for url in (NOV, "/u/BSPJI-PLG/isi/", "/u/BSPJI-PLG/isi/2024/10/"):
        assert client.get(url).status_code == 404
    for url in (NOV, NOV + "setujui/", NOV + "kembalikan/", "/u/BSPJI-PLG/kunci/2024/3/buka/"):
        assert client.post(url, {"reason": "x"}).status_code == 404
    # posting another unit's indicator id into one's own entry page is not found either
    foreign = indicators()[0]
    response = client.post("/u/BSPJI-MDN/isi/2024/11/", {f"r{foreign.pk}-physical_pct": "1"})
    assert response.status_code in (404,)


def test_pic_edits_only_their_teams_indicators(client):
    from django.contrib.auth import get_user_model

    pic = get_user_model().objects.get(username="pic")
    client.force_login(pic)
    html = client.get(NOV).content.decode()
    own = [i for i in indicators() if i.team and i.team.name == "Fungsi OPTIPK"]
    other = next(i for i in indicators() if not i.team or i.team.name != "Fungsi OPTIPK")
    assert f'name="r{own[0].pk}-physical_pct"' in html
    assert f'name="r{other.pk}-physical_pct"' not in html
    assert client.post(NOV, {f"r{other.pk}-physical_pct": "95"}).status_code == 403


def test_second_save_from_the_same_version_is_refused_with_what_the_first_saved(
    client, planner, head
):
    from django.test import Client

    first_ind = indicators()[0]
    opened = post_data(11)  # both people opened the page on the same version
    alice, bob = Client(), Client()
    alice.force_login(planner)
    bob.force_login(planner)
    data_a = dict(
        opened,
        **{
            f"r{first_ind.pk}-physical_pct": "93",
            f"r{first_ind.pk}-activities_done": "Versi Alice",
        },
    )
    data_b = dict(
        opened,
        **{f"r{first_ind.pk}-physical_pct": "97", f"r{first_ind.pk}-activities_done": "Versi Bob"},
    )
    assert alice.post(NOV, data_a).status_code == 302
    response = bob.post(NOV, data_b)
    assert response.status_code == 409
    html = response.content.decode()
    assert "telah diubah oleh perencana" in html and "Versi Alice" in html and "93" in html
    assert 'value="97"' in html  # Bob's input is still on the page
    row = MonthlyRealisation.objects.get(indicator=first_ind, month=11)
    assert row.activities_done == "Versi Alice" and row.physical_pct == Decimal("93")


# 15 before issue 10, plus the unit's hold that serialises saves of the same month
SAVE_QUERIES = 16


def test_entry_page_query_counts_do_not_grow_with_indicators(
    client, planner, django_assert_num_queries, demo_unit
):
    from tests.reports.test_dashboard import _grow

    client.force_login(planner)
    client.get(NOV)
    with django_assert_num_queries(8):
        client.get(NOV)
    data = post_data(11, {indicators()[0].pk: {"physical_pct": "91"}})
    with django_assert_num_queries(SAVE_QUERIES):
        assert client.post(NOV, data).status_code == 302
    _grow(demo_unit)
    with django_assert_num_queries(8):
        client.get(NOV)
    data = post_data(11, {i.pk: {"physical_pct": "95"} for i in indicators()[:6]})
    with django_assert_num_queries(SAVE_QUERIES):
        assert client.post(NOV, data).status_code == 302


def test_evidence_upload_is_checked_and_served_only_to_the_unit(client, planner, other_planner):
    client.force_login(planner)
    first = indicators()[0]
    fake = SimpleUploadedFile("bukti.pdf", b"MZ not a pdf", content_type="application/pdf")
    response = client.post(NOV, {**post_data(11), f"r{first.pk}-evidence_file": fake})
    assert response.status_code == 400 and "bukan PDF yang sah" in response.content.decode()
    exe = SimpleUploadedFile("bukti.exe", b"MZ", content_type="application/octet-stream")
    response = client.post(NOV, {**post_data(11), f"r{first.pk}-evidence_file": exe})
    assert "jenis berkas tidak diizinkan" in response.content.decode()
    big = SimpleUploadedFile(
        "besar.pdf", b"%PDF-1.4\n" + b"0" * (10 * 1024 * 1024), content_type="application/pdf"
    )
    response = client.post(NOV, {**post_data(11), f"r{first.pk}-evidence_file": big})
    assert "melebihi batas 10 MB" in response.content.decode()
    assert not Evidence.objects.exists()
    pdf = SimpleUploadedFile("laporan.pdf", b"%PDF-1.4\n%test\n", content_type="application/pdf")
    response = client.post(
        NOV,
        {
            **post_data(11),
            f"r{first.pk}-evidence_file": pdf,
            f"r{first.pk}-evidence_description": "Laporan",
        },
    )
    assert response.status_code == 302
    evidence = Evidence.objects.get()
    url = f"/u/BSPJI-PLG/bukti/{evidence.pk}/"
    download = client.get(url)
    assert download.status_code == 200 and "attachment" in download["Content-Disposition"]
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    client.force_login(other_planner)
    assert client.get(url).status_code == 404
    assert client.get(f"/u/BSPJI-MDN/bukti/{evidence.pk}/").status_code == 404


def test_saving_a_month_raises_the_units_data_version(client, planner, demo_unit):
    from reports.models import DataVersion

    def version():  # the version of November's period, 2024 Q4
        row = DataVersion.objects.filter(unit=demo_unit, year=2024, quarter=4).first()
        return row.version if row else 0

    client.force_login(planner)
    before = version()
    client.post(NOV, post_data(11, {indicators()[0].pk: {"physical_pct": "91"}}))
    after_save = version()
    assert after_save > before
    response = client.post(NOV, post_data(11, action="submit"))
    assert response.status_code == 302, response.content.decode()[:3000]
    assert version() > after_save


@pytest.mark.parametrize("language", ["id", "en"])
def test_numbers_are_read_the_indonesian_way_in_either_language(
    client, planner, settings, language
):
    """The page shows numbers the Indonesian way ('3,68') in both languages, and reads them
    back with the one parser of the grids and workbooks (perkin.formatting.parse_number): a
    re-saved row keeps its value, and '85%' is 85."""
    client.force_login(planner)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    rows = month_rows(11)
    with_value = next(
        i
        for i in indicators()
        if rows[i.pk].value_to_date is not None
        and rows[i.pk].value_to_date != rows[i.pk].value_to_date.to_integral()
    )
    kept = rows[with_value.pk].value_to_date
    first = indicators()[0]
    response = client.post(
        NOV,
        post_data(
            11,
            {
                with_value.pk: {"activities_done": "Diperbarui"},
                first.pk: {"physical_pct": "92,5%"},
            },
        ),
    )
    assert response.status_code == 302
    assert MonthlyRealisation.objects.get(indicator=with_value, month=11).value_to_date == kept
    assert MonthlyRealisation.objects.get(indicator=first, month=11).physical_pct == Decimal(
        "92.50"
    )

"""The job queue with Redis and a real worker: the head's approval of a quarter leaves its PDF
ready to download (under 60 s, the one timing the issue asks a test to bound), the same file
asked for twice is one job, and stored summaries follow changes through the queue."""

import time
from pathlib import Path

from django.contrib.auth import get_user_model

from perkin.models import MonthlyRealisation, WorkUnit
from reports.models import ReportCache, ReportJob, UnitSummary

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
DEADLINE = 60  # seconds from the approval to a downloadable PDF (issue, point 2)


def _wait(predicate, seconds: float):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        value = predicate()
        if value:
            return value
        time.sleep(0.25)
    return predicate()


def test_approving_a_quarter_leaves_its_pdf_ready_to_download(queue, seeded, client):
    unit = WorkUnit.objects.get(code="BSPJI-PLG")
    head = get_user_model().objects.get(username="kepala")
    client.force_login(head)
    start = time.monotonic()
    response = client.post("/u/BSPJI-PLG/isi/2024/12/setujui/")
    assert response.status_code == 302
    jobs = ReportJob.objects.filter(unit=unit, year=2024, quarter=4)
    assert {j.fmt for j in jobs} == {"pdf", "xlsx"}
    assert {j.reason for j in jobs} == {ReportJob.Reason.LOCKED}

    def ready():
        r = client.get("/u/BSPJI-PLG/laporan/unduh/2024/4.pdf")
        return r if r.status_code == 200 else None

    pdf = _wait(ready, DEADLINE + 30)
    elapsed = time.monotonic() - start
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "approval-to-pdf.txt").write_text(f"{elapsed:.1f} s\n")
    assert pdf is not None, "the PDF never became ready"
    assert pdf["X-Report-Cache"] == "hit" and pdf.content.startswith(b"%PDF")
    assert elapsed < DEADLINE
    assert jobs.get(fmt="pdf").status == ReportJob.Status.DONE


def test_the_same_file_asked_for_twice_is_one_job(queue, small_unit, client):
    unit, _indicator, reviewer = small_unit
    client.force_login(reviewer)
    url = f"/u/{unit.code}/laporan/unduh/2024/3.xlsx"
    first, second = client.get(url), client.get(url)
    assert first.status_code == second.status_code == 202
    assert first["X-Report-Job"] == second["X-Report-Job"]
    assert "sedang disusun" in first.content.decode()
    assert ReportJob.objects.filter(unit=unit, year=2024, quarter=3, fmt="xlsx").count() == 1

    def done():
        return client.get(first["X-Report-Job"]).json()["ready"]

    assert _wait(done, 60)
    response = client.get(url)
    assert response.status_code == 200 and response["X-Report-Cache"] == "hit"
    assert ReportCache.objects.filter(unit_code=unit.code, year=2024, quarter=3).count() == 1
    page = client.get(f"/u/{unit.code}/laporan/", {"year": 2024, "q": 3}).content.decode()
    assert "Berkas Excel siap diunduh." in page


def test_stored_summaries_follow_a_change_through_the_queue(queue, small_unit, client):
    unit, indicator, reviewer = small_unit
    client.force_login(reviewer)
    url = "/unit/?year=2024&q=4"
    assert "1/1" in client.get(url).content.decode()  # computed and stored on first view
    summary = UnitSummary.objects.get(unit=unit, year=2024, quarter=4)
    row = MonthlyRealisation.objects.get(indicator=indicator, month=12)
    row.value_to_date = 60  # below the target of 75
    row.save()  # committed: the queue refreshes the unit's summary

    def refreshed():
        s = UnitSummary.objects.get(pk=summary.pk)
        return s.achieved == 0 and s.data_version != summary.data_version

    assert _wait(refreshed, 60)
    assert "0/1" in client.get(url).content.decode()


def test_health_names_the_database_the_broker_and_the_worker(queue, client):
    from django.core.cache import cache

    cache.delete("perkin:health:workers")
    body = client.get("/sehat/").json()
    assert body["database"] == "ok" and body["broker"] == "ok"
    assert body["worker"].startswith("ok"), body

"""Prints locust's statistics CSV as the table the issue asks for: per page, requests,
failures, median, p95 and max (ms) and requests per second."""

import csv
import sys


def main(path: str, label: str) -> None:
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    print(f"\n{label}")
    print(
        f"| {'halaman':<24} | {'permintaan':>10} | {'gagal':>5} | {'median ms':>9} | {'p95 ms':>7} | {'maks ms':>7} | {'req/s':>6} |"
    )
    print(f"|{'-' * 26}|{'-' * 12}|{'-' * 7}|{'-' * 11}|{'-' * 9}|{'-' * 9}|{'-' * 8}|")
    for r in rows:
        name = r["Name"] if r["Name"] != "Aggregated" else "semua"
        print(
            f"| {name:<24} | {int(r['Request Count']):>10} | {int(r['Failure Count']):>5} "
            f"| {float(r['Median Response Time']):>9.0f} | {float(r['95%']):>7.0f} "
            f"| {float(r['Max Response Time']):>7.0f} | {float(r['Requests/s']):>6.1f} |"
        )


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else "")

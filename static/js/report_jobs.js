// Follows report-file jobs: every element with data-job-status polls its job's URL, shows the
// progress, and once the file is ready shows its download link (and, on the "being prepared"
// page, starts the download).
(function () {
  function follow(item) {
    var url = item.getAttribute("data-job-status");
    if (!url) return;
    var bar = item.querySelector("[data-job-progress]");
    var label = item.querySelector("[data-job-label]");
    var link = item.querySelector("[data-job-link]");
    function poll() {
      fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (r) { return r.json(); })
        .then(function (job) {
          if (bar) bar.value = job.progress;
          if (label) label.textContent = job.status_label;
          if (job.ready) {
            if (bar) bar.hidden = true;
            if (link) link.hidden = false;
            if (item.hasAttribute("data-job-download")) window.location = job.download_url;
            return;
          }
          if (!job.failed) window.setTimeout(poll, 2000);
        })
        .catch(function () { window.setTimeout(poll, 5000); });
    }
    poll();
  }
  document.querySelectorAll("[data-job-status]").forEach(follow);
})();

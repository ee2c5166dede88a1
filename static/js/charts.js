// Draws every Plotly chart of the page: <div data-chart="ID"> with its spec in <script id="chart-ID">.
(function () {
  "use strict";
  function draw() {
    if (!window.Plotly) { return; }
    document.querySelectorAll("[data-chart]").forEach(function (el) {
      var source = document.getElementById("chart-" + el.dataset.chart);
      if (!source) { return; }
      var spec = JSON.parse(source.textContent);
      window.Plotly.newPlot(el, spec.data, spec.layout, {
        responsive: true, displayModeBar: false, locale: "id"
      });
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();

// Draws every Plotly chart of the page: <div data-chart="ID"> with its spec in <script id="chart-ID">.
// Dates and numbers read the Indonesian way (the "id" locale below); on a narrow screen titles
// wrap and shrink so they stay inside their chart, and charts redraw when the width changes.
(function () {
  "use strict";
  var ID = {
    moduleType: "locale",
    name: "id",
    dictionary: {},
    format: {
      days: ["Minggu", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"],
      shortDays: ["Min", "Sen", "Sel", "Rab", "Kam", "Jum", "Sab"],
      months: ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
               "September", "Oktober", "November", "Desember"],
      shortMonths: ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"],
      date: "%d/%m/%Y",
      decimal: ",",
      thousands: "."
    }
  };
  var lang = (document.documentElement.lang || "id").slice(0, 2);

  function wrapTitle(text, width) {
    if (!text || text.length <= width) { return text; }
    var words = text.split(" "), lines = [""];
    words.forEach(function (w) {
      var line = lines[lines.length - 1];
      if (line && (line + " " + w).length > width) { lines.push(w); }
      else { lines[lines.length - 1] = line ? line + " " + w : w; }
    });
    return lines.join("<br>");
  }

  // On a narrow screen: titles and notes wrap, the top margin grows to hold the title's lines
  // and the legend's rows, and month axes let Plotly tilt or thin their labels.
  function fit(spec, width) {
    var copy = JSON.parse(JSON.stringify(spec.layout));
    if (width >= 520) { return copy; }
    var chars = Math.max(24, Math.floor(width / 8.5));
    var lines = 0;
    if (copy.title && copy.title.text) {
      copy.title.text = wrapTitle(copy.title.text, chars);
      copy.title.font = { size: 13 };
      lines = copy.title.text.split("<br>").length;
    }
    var legendRows = 0;
    if (copy.showlegend !== false && spec.data.length > 1) {
      legendRows = spec.data.length;  // one entry a row: a narrow legend never runs into the title
      copy.legend = Object.assign({}, copy.legend, { orientation: "v", font: { size: 10 } });
    }
    copy.margin = Object.assign({}, copy.margin, { t: 16 + lines * 17 + legendRows * 17 });
    (copy.annotations || []).forEach(function (a) { a.text = wrapTitle(a.text, chars + 6); });
    ["xaxis", "yaxis"].forEach(function (name) {
      var axis = copy[name];
      if (!axis) { return; }
      if (axis.tickangle === 0) { delete axis.tickangle; }
      if (axis.title && axis.title.text) { axis.title.text = wrapTitle(axis.title.text, Math.max(18, Math.floor(width / 16))); }
    });
    return copy;
  }

  function draw(el, spec) {
    window.Plotly.react(el, spec.data, fit(spec, el.clientWidth), {
      responsive: true, displayModeBar: false, locale: lang === "en" ? "en" : "id"
    });
  }

  // Charts are drawn as they come near the screen: the page is readable at once, and a chart
  // far down costs nothing until the reader scrolls to it.
  function drawAll() {
    if (!window.Plotly) { return; }
    window.Plotly.register(ID);
    var charts = [];
    function drawOne(el) {
      var source = document.getElementById("chart-" + el.dataset.chart);
      if (!source || el.dataset.drawn) { return; }
      el.dataset.drawn = "1";
      var spec = JSON.parse(source.textContent);
      charts.push([el, spec, el.clientWidth]);
      draw(el, spec);
    }
    var elements = document.querySelectorAll("[data-chart]");
    // printing (and a test) wants every chart at once
    window.PerkinCharts = { drawAll: function () { elements.forEach(drawOne); } };
    window.addEventListener("beforeprint", window.PerkinCharts.drawAll);
    if ("IntersectionObserver" in window) {
      var observer = new IntersectionObserver(function (entries) {
        entries.forEach(function (entry) {
          if (entry.isIntersecting) { observer.unobserve(entry.target); drawOne(entry.target); }
        });
      }, { rootMargin: "300px 0px" });
      elements.forEach(function (el) { observer.observe(el); });
    } else {
      elements.forEach(drawOne);
    }
    var timer = null;
    window.addEventListener("resize", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        charts.forEach(function (c) {
          var narrow = c[0].clientWidth < 520;
          if (narrow !== (c[2] < 520)) { c[2] = c[0].clientWidth; draw(c[0], c[1]); }
        });
      }, 200);
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", drawAll);
  } else {
    drawAll();
  }
})();

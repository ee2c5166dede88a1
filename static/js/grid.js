// Running totals of the one-page grids: every input with data-sum="X" adds up into the cell
// data-total-of="X"; with a ceiling input data-ceiling="X" the difference is shown beside.
// Numbers are read the Indonesian way, as the server reads them (1.234.567 and 3,5).
(function () {
  "use strict";
  function parse(text) {
    text = (text || "").replace(/\s|Rp/g, "");
    if (!text) { return 0; }
    if (text.indexOf(",") >= 0) { text = text.replace(/\./g, "").replace(",", "."); }
    else if (/^-?\d{1,3}(\.\d{3})+$/.test(text)) { text = text.replace(/\./g, ""); }
    var value = Number(text);
    return isNaN(value) ? NaN : value;
  }
  function rupiah(value) {
    var sign = value < 0 ? "-" : "";
    var digits = String(Math.round(Math.abs(value)));
    return sign + "Rp " + digits.replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  }
  function update(name) {
    var total = 0, bad = false;
    document.querySelectorAll('[data-sum="' + name + '"]').forEach(function (input) {
      var value = parse(input.value);
      if (isNaN(value)) { bad = true; } else { total += value; }
    });
    var cell = document.querySelector('[data-total-of="' + name + '"]');
    if (cell) { cell.textContent = bad ? "?" : rupiah(total); }
    var ceilingInput = document.querySelector('[data-ceiling="' + name + '"]');
    var diff = document.querySelector('[data-difference-of="' + name + '"]');
    if (ceilingInput && diff) {
      var ceiling = parse(ceilingInput.value);
      var gap = ceiling - total;
      diff.textContent = bad || isNaN(ceiling) ? "?" : rupiah(gap);
      diff.className = "num " + (gap === 0 && !bad ? "status-ok" : "status-bad");
    }
  }
  var names = {};
  document.querySelectorAll("[data-sum]").forEach(function (input) { names[input.dataset.sum] = true; });
  Object.keys(names).forEach(function (name) {
    document.querySelectorAll('[data-sum="' + name + '"], [data-ceiling="' + name + '"]').forEach(function (input) {
      input.addEventListener("input", function () { update(name); });
    });
    update(name);
  });
})();

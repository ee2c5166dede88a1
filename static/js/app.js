// Behaviour every page shares, without inline handlers (the Content-Security-Policy allows no
// inline script): a select marked data-autosubmit submits its form when changed; a select
// marked data-navigate goes to the URL in its chosen option's data-url.
(function () {
  "use strict";
  document.addEventListener("change", function (event) {
    var target = event.target;
    if (target.matches("select[data-autosubmit]") && target.form) {
      target.form.submit();
    } else if (target.matches("select[data-navigate]")) {
      var option = target.options[target.selectedIndex];
      if (option && option.dataset.url) { window.location.href = option.dataset.url; }
    }
  });
})();

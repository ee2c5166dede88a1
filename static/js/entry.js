// Puts the keyboard on the first field that failed validation, so it can be corrected at once.
(function () {
  "use strict";
  var invalid = document.querySelector("[aria-invalid=true]");
  if (invalid) { invalid.focus(); invalid.select && invalid.select(); }
})();

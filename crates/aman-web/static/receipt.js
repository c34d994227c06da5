// The receipt page's "Copy" and "Print" buttons (shown only with JavaScript;
// without it the receipt can still be written down or saved as a file).
(function () {
  "use strict";
  var code = document.querySelector(".receipt .code");
  var copy = document.getElementById("copy-receipt");
  var print = document.getElementById("print-receipt");
  if (!code) {
    return;
  }
  if (copy && navigator.clipboard) {
    copy.hidden = false;
    copy.addEventListener("click", function () {
      navigator.clipboard.writeText(code.textContent.trim()).then(function () {
        copy.textContent = copy.getAttribute("data-done");
      });
    });
  }
  if (print) {
    print.hidden = false;
    print.addEventListener("click", function () {
      window.print();
    });
  }
})();

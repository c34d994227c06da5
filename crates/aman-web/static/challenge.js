// Aman: answers the flood challenge of the report form in the background.
// Finds a nonce such that SHA-256("TOKEN:NONCE") starts with DIFFICULTY zero
// bits, then adds it to the form's address. Without this script (or without
// WebCrypto) the form still works: the server accepts the challenge after a
// short wait instead.
(function () {
  "use strict";
  var form = document.querySelector("form[data-challenge]");
  if (!form || !window.crypto || !window.crypto.subtle || !window.TextEncoder) {
    return;
  }
  var token = form.getAttribute("data-challenge");
  var difficulty = parseInt(form.getAttribute("data-difficulty"), 10);
  var encoder = new TextEncoder();

  function zeroBits(bytes) {
    var bits = 0;
    for (var i = 0; i < bytes.length; i++) {
      if (bytes[i] === 0) {
        bits += 8;
        continue;
      }
      var b = bytes[i];
      while ((b & 0x80) === 0) {
        bits += 1;
        b <<= 1;
      }
      break;
    }
    return bits;
  }

  function attempt(nonce) {
    return window.crypto.subtle.digest("SHA-256", encoder.encode(token + ":" + nonce)).then(function (digest) {
      if (zeroBits(new Uint8Array(digest)) >= difficulty) {
        form.setAttribute("action", "/report?challenge=" + encodeURIComponent(token) + "&solution=" + nonce);
        return;
      }
      return attempt(nonce + 1);
    });
  }

  attempt(0);
})();

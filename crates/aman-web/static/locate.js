// "Use my location": fills the report form's latitude and longitude from the
// phone, only when the resident presses the button (and the phone asks them).
// Without JavaScript the button stays hidden and the fields are typed.
(function () {
  "use strict";
  var button = document.getElementById("locate");
  var lat = document.getElementById("lat");
  var lon = document.getElementById("lon");
  if (!button || !lat || !lon || !navigator.geolocation) {
    return;
  }
  button.hidden = false;
  button.addEventListener("click", function () {
    button.disabled = true;
    navigator.geolocation.getCurrentPosition(
      function (position) {
        lat.value = position.coords.latitude.toFixed(5);
        lon.value = position.coords.longitude.toFixed(5);
        button.disabled = false;
      },
      function () {
        button.disabled = false;
        lat.focus();
      },
      { enableHighAccuracy: true, timeout: 20000, maximumAge: 60000 }
    );
  });
})();

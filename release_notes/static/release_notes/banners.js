/* Refreshes the site-wide banners from /meldingen/actief.json.
   Pages may come from a cache; this short-lived endpoint makes a banner appear
   within a minute of its start and disappear when it ends. The markup comes
   rendered (and escaped) from the server, the same as the no-script fallback. */
(function () {
  "use strict";

  var REFRESH_MS = 60000;
  var region = document.querySelector("[data-banners-url]");
  if (!region || !window.fetch) {
    return;
  }
  var url = region.getAttribute("data-banners-url");

  function refresh() {
    fetch(url, { credentials: "omit", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("HTTP " + response.status);
        }
        return response.json();
      })
      .then(function (data) {
        // Redraw only on a change, so screen readers do not hear the same alert
        // every minute.
        if (data.key !== region.getAttribute("data-banners-key")) {
          region.innerHTML = data.html;
          region.setAttribute("data-banners-key", data.key);
        }
      })
      .catch(function () {
        /* Keep what is shown; the next refresh tries again. */
      });
  }

  refresh();
  window.setInterval(function () {
    if (!document.hidden) {
      refresh();
    }
  }, REFRESH_MS);
})();

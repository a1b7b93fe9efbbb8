// Counts a page view when the page is really shown: no cookie, no storage, no
// identifier; the server tells visitors of one day apart by a daily salted hash.
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !navigator.sendBeacon) {
    return;
  }
  var endpoint = script.getAttribute("data-teller");
  var target = script.getAttribute("data-doel");

  function send(kind) {
    var body = new URLSearchParams();
    body.set("doel", target);
    body.set("soort", kind);
    navigator.sendBeacon(endpoint, body);
  }

  function shown() {
    send("view");
  }

  // A prerendered page counts when the visitor opens it, not when it is guessed.
  if (document.prerendering) {
    document.addEventListener("prerenderingchange", shown, { once: true });
  } else {
    shown();
  }
  // Back/forward cache: the page is shown again without loading again.
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) {
      shown();
    }
  });
  // The end of reading this page: extends the time on the platform, no view.
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden" && !document.prerendering) {
      send("leave");
    }
  });
})();

/* Progressive enhancement for the learning pages; every feature also works without it.
   - "Afgerond": the progress is saved with fetch, and only once the server has
     answered does the browser go on, so the next page always shows it.
   - Chapters of a webinar seek the player instead of reloading the page.
   - The certificate's print button. */
(function () {
  "use strict";

  function updateProgress(data) {
    document.querySelectorAll("[data-progress-bar]").forEach(function (bar) {
      bar.value = data.percent;
      bar.textContent = data.percent + "%";
    });
    document.querySelectorAll("[data-progress-text]").forEach(function (text) {
      text.textContent = data.label;
    });
  }

  document.querySelectorAll("form[data-complete-form]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var button = form.querySelector("button[type=submit]");
      if (button) button.disabled = true;
      fetch(form.action, {
        method: "POST",
        body: new FormData(form),
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      })
        .then(function (response) {
          if (!response.ok) throw new Error(response.status);
          return response.json();
        })
        .then(function (data) {
          updateProgress(data);
          window.location.assign(data.next_url);
        })
        .catch(function () {
          // Let the browser post the form itself: the server answers with a redirect.
          form.submit();
        });
    });
  });

  var video = document.querySelector("video[data-webinar-video]");
  if (video) {
    document.querySelectorAll("[data-seek]").forEach(function (link) {
      link.addEventListener("click", function (event) {
        event.preventDefault();
        video.currentTime = Number(link.dataset.seek);
        video.focus();
        video.play();
      });
    });
  }

  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", function () {
      window.print();
    });
  });
})();

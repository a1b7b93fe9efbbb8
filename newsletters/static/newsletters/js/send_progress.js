// Refreshes the progress panel of a send while it runs.
(function () {
  "use strict";
  const panel = document.querySelector("[data-progress-url]");
  if (!panel) return;
  const live = ["bezig", "gepland", "gepauzeerd"];
  let status = panel.dataset.status;
  if (!live.includes(status)) return;

  function set(name, value) {
    const element = panel.querySelector(`[data-field="${name}"]`);
    if (!element) return;
    if (element.tagName === "PROGRESS") {
      element.value = value;
      element.textContent = `${value}%`;
    } else {
      element.textContent = value;
    }
  }

  function showErrors(errors) {
    const body = panel.querySelector('[data-field="errors"]');
    if (!body) return;
    body.replaceChildren(
      ...errors.map((error) => {
        const row = document.createElement("tr");
        for (const value of [error.address, error.status, error.error]) {
          const cell = document.createElement("td");
          cell.textContent = value;
          row.append(cell);
        }
        return row;
      })
    );
    body.closest("table").hidden = errors.length === 0;
  }

  async function refresh() {
    try {
      const response = await fetch(panel.dataset.progressUrl, {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      });
      if (!response.ok) return;
      const data = await response.json();
      for (const name of ["status_label", "status_reason", "recipients", "queued",
        "sent", "retrying", "failed", "bounced", "skipped", "percent"]) {
        if (name in data) set(name, data[name]);
      }
      showErrors(data.errors || []);
      if (data.status !== status) {
        // Buttons depend on the status: reload once it changes.
        window.location.reload();
        return;
      }
    } catch (error) {
      // A missed refresh is retried on the next tick.
    }
    window.setTimeout(refresh, 3000);
  }
  window.setTimeout(refresh, 3000);
})();

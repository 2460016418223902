// The Insights tab pages: sign in (signin.js: Teams SSO, or in Development only the development
// sign-in; Teams' theme), and show the HTML the server draws. No inline script: the page's
// Content-Security-Policy allows only scripts from this origin.
"use strict";

(function () {
  const page = document.body.dataset.page;
  const status = document.getElementById("status");
  const content = document.getElementById("content");
  const query = new URLSearchParams(window.location.search);
  const tab = window.learningBotSignIn;

  function say(text, kind) {
    status.textContent = text;
    status.className = "status" + (kind ? " " + kind : "");
    status.hidden = !text;
  }

  // A "Try again" button after the status, for when Teams did not answer (503): nothing was decided.
  function offerRetry(retry) {
    const again = document.createElement("button");
    again.type = "button";
    again.id = "retry";
    again.className = "secondary";
    again.textContent = "Try again";
    again.addEventListener("click", () => retry());
    status.append(" ", again);
  }

  // True when the server's HTML is on the page.
  async function show(path, session, retry) {
    const response = await fetch(path, { headers: { Authorization: await session.fresh(), Accept: "text/html" }, credentials: "omit" });
    if (response.ok) {
      content.innerHTML = await response.text();
      say("");
      document.body.dataset.loaded = "true";
      return true;
    }

    const detail = await tab.problemDetail(response);

    content.replaceChildren();
    const filters = document.getElementById("filters");
    if (filters && (response.status === 403 || response.status === 401)) {
      filters.hidden = true;
    }

    if (response.status === 403) {
      say(detail || "Only this team's facilitators can see its insights.", "note");
    } else if (response.status === 503) {
      say(detail || "Teams did not answer. Try again in a moment.", "note");
      offerRetry(retry || (() => show(path, session)));
      document.body.dataset.loaded = "unavailable";
      return false;
    } else if (response.status === 401) {
      say("Your sign-in was not accepted. Close the tab and open it again. " + detail, "error");
    } else {
      say("The insights could not be loaded (" + response.status + "). " + detail, "error");
    }

    document.body.dataset.loaded = "error";
    return false;
  }

  // The Export button: the server checks the facilitator and answers a same-origin link with a
  // ticket good for two minutes; navigating to it is a plain download the browser streams to disk
  // (no token on that request, no file held in the page). A refusal is told here.
  async function exportCsv(session, shown, button, note) {
    const tell = (text, kind) => {
      note.textContent = text;
      note.className = "status" + (kind ? " " + kind : "");
      note.hidden = !text;
    };

    button.disabled = true;
    document.body.dataset.export = "asking";
    tell("Preparing the CSV\u2026");
    try {
      const response = await fetch("/api/tab/teams/" + encodeURIComponent(session.teamId) + "/export-link?" + shown.toString(), {
        method: "POST",
        headers: { Authorization: await session.fresh(), Accept: "application/json" },
        credentials: "omit",
      });
      if (!response.ok) {
        const detail = await tab.problemDetail(response);
        if (response.status === 503) {
          tell("Export not ready: " + (detail || "Teams did not answer.") + " Press Export CSV again in a moment.", "note");
          document.body.dataset.export = "unavailable";
          return;
        }

        const why = response.status === 403
          ? detail || "Only this team's facilitators can export its reflections."
          : response.status === 401
            ? "Your sign-in was not accepted. Close the tab and open it again."
            : "The export could not be prepared (" + response.status + "). " + detail;
        tell("Export refused: " + why, "error");
        document.body.dataset.export = "refused";
        return;
      }

      const link = await response.json();
      window.location.assign(link.url);
      tell("Downloading " + link.fileName + ".");
      document.body.dataset.export = "started";
    } catch {
      tell("The export could not be prepared. Try again in a moment.", "error");
      document.body.dataset.export = "error";
    } finally {
      button.disabled = false;
    }
  }

  async function configure() {
    const teams = tab.teams;
    if (!(await tab.initializeTeams())) {
      say("Add this tab from a channel in Microsoft Teams.", "note");
      return;
    }

    const base = window.location.origin + "/tab/";
    teams.pages.config.registerOnSaveHandler((save) => {
      teams.pages.config
        .setConfig({ entityId: "insights", suggestedDisplayName: "Insights", contentUrl: base + "insights.html", websiteUrl: base + "insights.html" })
        .then(() => save.notifySuccess(), (error) => save.notifyFailure(String(error)));
    });
    teams.pages.config.setValidityState(true);
  }

  async function start() {
    if (page === "config") {
      await configure().catch(() => say("Add this tab from a channel in Microsoft Teams.", "note"));
      return;
    }

    const session = await tab.signIn();
    if (!session) {
      say("Open this page inside Microsoft Teams: it signs you in with your Teams account.", "note");
      document.body.dataset.loaded = "error";
      return;
    }

    if (page === "me") {
      await show("/api/tab/me/view", session);
      return;
    }

    if (!session.teamId) {
      say("Add Insights as a tab in one of the team's channels: it shows that team.", "note");
      return;
    }

    const filters = document.getElementById("filters");
    const period = document.getElementById("period");
    const tag = document.getElementById("tag");
    if (query.get("period")) {
      period.value = query.get("period");
    }

    tag.value = query.get("tag") || "";
    filters.hidden = false;

    // What the page shows is what Export exports: the filter of the last insights that loaded.
    const exportButton = document.getElementById("export");
    const exportNote = document.getElementById("export-status");
    let shown = null;
    exportButton.addEventListener("click", () => {
      if (shown) {
        exportCsv(session, shown, exportButton, exportNote);
      }
    });
    const load = async () => {
      const params = new URLSearchParams({ period: period.value });
      if (tag.value.trim()) {
        params.set("tag", tag.value.trim());
      }

      if (session.channelId) {
        params.set("channel", session.channelId);
      }

      say("Loading the insights…");
      exportButton.disabled = true;
      shown = (await show("/api/tab/teams/" + encodeURIComponent(session.teamId) + "/insights/view?" + params.toString(), session, load)) ? params : null;
      exportButton.disabled = !shown;
    };
    filters.addEventListener("submit", (event) => {
      event.preventDefault();
      load();
    });
    period.addEventListener("change", load);
    await load();
  }

  start().catch(() => {
    say("Something went wrong while loading this page. Close the tab and open it again.", "error");
    document.body.dataset.loaded = "error";
  });
})();

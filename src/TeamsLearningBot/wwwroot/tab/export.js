// The export link's page: sign in (signin.js: Teams SSO, or in Development only the development
// sign-in given as ?tenant=&user= on the link), then download the CSV with that token. The
// server decides everything; what it refuses comes back as a page whose text is shown here.
"use strict";

(function () {
  const status = document.getElementById("status");
  const ticket = new URLSearchParams(window.location.search).get("ticket") || "";
  const tab = window.learningBotSignIn;

  function say(text, kind) {
    status.textContent = text;
    status.className = "status" + (kind ? " " + kind : "");
  }

  function done(state) {
    document.body.dataset.state = state;
  }

  function fileName(response) {
    const disposition = response.headers.get("Content-Disposition") || "";
    const match = /filename="?([^";]+)"?/i.exec(disposition);
    return match ? match[1] : "reflections.csv";
  }

  // A refusal is one of the server's own pages: show its words, not its markup.
  async function refused(response) {
    if (response.status === 401) {
      document.querySelector("main h1").textContent = "Your sign-in was not accepted";
      say("Close this page and open the link again from Teams. If it keeps happening, ask your Teams admin to check the app's single sign-on.", "error");
      done("refused");
      return;
    }

    let title = "The export was refused (" + response.status + ").";
    let detail = "";
    try {
      const page = new DOMParser().parseFromString(await response.text(), "text/html");
      const heading = page.querySelector("main h1");
      const text = page.querySelector("main p");
      title = heading ? heading.textContent : title;
      detail = text ? text.textContent : "";
    } catch {
      detail = "";
    }

    document.querySelector("main h1").textContent = title;
    say(detail || "Type \u201Cexport\u201D again in the team for a new link.", "error");
    done("refused");
  }

  async function start() {
    const session = await tab.signIn();
    if (!session) {
      say("Open this link inside Microsoft Teams (the \u201CDownload in Teams\u201D button on the card): it signs you in with your Teams account.", "note");
      done("no-sign-in");
      return;
    }

    say("Preparing the CSV\u2026");
    const response = await fetch("/export/download?ticket=" + encodeURIComponent(ticket), { headers: { Authorization: session.authorization }, credentials: "omit" });
    if (!response.ok) {
      await refused(response);
      return;
    }

    const url = URL.createObjectURL(await response.blob());
    const link = document.createElement("a");
    link.href = url;
    link.download = fileName(response);
    link.textContent = "Save the CSV again";
    document.getElementById("again").replaceChildren(link);
    link.click();
    say("Downloaded " + link.download + ".");
    done("downloaded");
  }

  start().catch(() => {
    say("Something went wrong while downloading. Open the link again, or type \u201Cexport\u201D for a new one.", "error");
    done("error");
  });
})();

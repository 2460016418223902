// The sign-in the tab's pages share (the Insights and My learning tabs, and the export link's
// page): Teams SSO through TeamsJS inside Teams or, in Development only, the development sign-in
// given on the URL (?tenant=&user=[&name=&theme=&team=&channel=]); and Teams' theme. The server decides
// everything else. No inline script anywhere: the pages' Content-Security-Policy allows only
// scripts from this origin.
"use strict";

window.learningBotSignIn = (function () {
  const query = new URLSearchParams(window.location.search);
  const themes = ["default", "dark", "contrast"];
  const teams = window.microsoftTeams;

  function applyTheme(theme) {
    document.documentElement.dataset.theme = themes.includes(theme) ? theme : "default";
  }

  // Outside a Teams host app.initialize() never settles: give up after a few seconds.
  function withTimeout(promise, ms) {
    return Promise.race([promise, new Promise((_, reject) => setTimeout(() => reject(new Error("timeout")), ms))]);
  }

  function framed() {
    try {
      return window.parent !== window || Boolean(window.nativeInterface);
    } catch {
      return true;
    }
  }

  // TeamsJS started, the page in Teams' theme and following it; null outside a Teams host.
  async function initializeTeams() {
    if (!framed() || !teams) {
      return null;
    }

    await withTimeout(teams.app.initialize(), 5000);
    const context = await teams.app.getContext();
    applyTheme(context.app && context.app.theme);
    teams.app.registerOnThemeChangeHandler(applyTheme);
    return context;
  }

  async function signInWithTeams() {
    const context = await initializeTeams();
    teams.app.notifySuccess();
    const token = await teams.authentication.getAuthToken();

    // TeamsJS keeps the token and renews it before it expires: ask again for each later request.
    const fresh = async () => "Bearer " + (await teams.authentication.getAuthToken());
    // The channel only says where the tab is: the server decides what that channel may show.
    return { authorization: "Bearer " + token, fresh, teamId: context.team && context.team.internalId, channelId: context.channel && context.channel.id, inTeams: true };
  }

  // Development only (the server answers 404 elsewhere, and refuses the scheme outside Development).
  async function signInForDevelopment() {
    const tenant = query.get("tenant");
    const user = query.get("user");
    if (!tenant || !user) {
      return null;
    }

    const probe = await fetch("/tab/development", { credentials: "omit" });
    if (!probe.ok) {
      return null;
    }

    applyTheme(query.get("theme") || "default");
    const name = query.get("name");
    const authorization = "Development " + tenant + " " + user + (name ? " " + name : "");
    return { authorization, fresh: async () => authorization, teamId: query.get("team"), channelId: query.get("channel"), inTeams: false };
  }

  // { authorization, fresh(), teamId, channelId, inTeams }, or null when there is no way to sign in here.
  async function signIn() {
    if (framed() && teams) {
      try {
        return await signInWithTeams();
      } catch {
        return null;
      }
    }

    return signInForDevelopment();
  }

  // The detail of a problem+json answer, or nothing.
  async function problemDetail(response) {
    try {
      return (await response.json()).detail || "";
    } catch {
      return "";
    }
  }

  return { signIn, initializeTeams, applyTheme, problemDetail, teams };
})();

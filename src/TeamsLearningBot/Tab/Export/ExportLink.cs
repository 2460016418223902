namespace TeamsLearningBot.Tab.Export;

/// <summary>What <c>POST /api/tab/teams/{teamId}/export-link</c> answers: a same-origin link to the CSV, its file name, and when the link stops working.</summary>
public sealed record ExportLink(string Url, string FileName, DateTimeOffset ExpiresAt);

namespace TeamsLearningBot.Tab;

/// <summary>Who signed in to the tab: the Entra user (object id in their tenant) from a validated token.</summary>
public sealed record TabUser(string TenantId, string ObjectId, string? Name);

namespace TeamsLearningBot.Tab.Export;

/// <summary>One reflection as exported. <see cref="Author"/> is "anonymous" for an anonymous one, and then <see cref="Rating"/> is empty.</summary>
public sealed record ExportRow(DateTimeOffset When, string Channel, string Item, string? Prompt, string Text, int? Rating, string Author);

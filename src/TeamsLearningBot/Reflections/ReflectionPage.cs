namespace TeamsLearningBot.Reflections;

/// <summary>One page of an item's reflections across channels, newest first.</summary>
public sealed record ReflectionPage(
    int ItemNumber,
    string? ItemTitle,
    IReadOnlyList<ReflectionEntity> Reflections,
    IReadOnlyDictionary<string, string> ChannelNames,
    int Page,
    int Total)
{
    public const int Size = 10;

    public int Pages => Math.Max(1, (Total + Size - 1) / Size);

    public bool HasMore => Page < Pages;
}

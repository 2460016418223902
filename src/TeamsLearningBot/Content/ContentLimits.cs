namespace TeamsLearningBot.Content;

/// <summary>
/// How big an item may be. Small enough that an item always fits one Teams card (28 KB) with room
/// for the prompt check, and far below a Table property's 64 KB.
/// </summary>
public static class ContentLimits
{
    public const int Title = 200;
    public const int Url = 2_000;
    public const int Summary = 1_000;
    public const int PerformanceNeed = 500;
    public const int Prompt = 500;
    public const int Prompts = 5;
    public const int Tag = 30;
    public const int Tags = 10;
    public const int MinMinutes = 1;
    public const int MaxMinutes = 600;
}

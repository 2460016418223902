namespace TeamsLearningBot.Insights;

/// <summary>Reflections in the week starting <see cref="Monday"/>: under a name, and anonymous (counted, never attributed).</summary>
public sealed record WeekCount(DateOnly Monday, int Named, int Anonymous)
{
    public int Total => Named + Anonymous;
}

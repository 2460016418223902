namespace TeamsLearningBot.Insights;

/// <summary>Someone whose named contributions on a tag stand out, with the evidence.</summary>
public sealed record Expert(string Name, int Reflections, int Words, int Reactions, int Kudos, int Suggestions, double Score)
{
    public string Evidence()
    {
        var parts = new List<string> { Plural(Reflections, "reflection") };
        if (Reactions > 0)
        {
            parts.Add(Plural(Reactions, "reaction"));
        }

        if (Kudos > 0)
        {
            parts.Add(Plural(Kudos, "kudos", "kudos"));
        }

        if (Suggestions > 0)
        {
            parts.Add(Plural(Suggestions, "approved suggestion"));
        }

        if (Reflections > 0)
        {
            parts.Add($"{Words / Math.Max(1, Reflections)} words a reflection");
        }

        return string.Join(", ", parts);
    }

    private static string Plural(int n, string one, string? many = null) => $"{n} {(n == 1 ? one : many ?? one + "s")}";
}

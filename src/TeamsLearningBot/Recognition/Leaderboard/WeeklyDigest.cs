namespace TeamsLearningBot.Recognition.Leaderboard;

/// <summary>What a team's weekly recognition post says about the seven days it covers.</summary>
public sealed record WeeklyDigest
{
    public required DateOnly First { get; init; }

    public required DateOnly Last { get; init; }

    public IReadOnlyList<EarnedBadge> Badges { get; init; } = [];

    public int Kudos { get; init; }

    /// <summary>Empty when the facilitators switched the leaderboard off: the post ranks nobody then.</summary>
    public IReadOnlyList<Contributor> TopContributors { get; init; } = [];

    public MostRelevant? MostRelevant { get; init; }

    /// <summary>A week with nothing to tell gets no post.</summary>
    public bool IsEmpty => Badges.Count == 0 && Kudos == 0 && TopContributors.Count == 0 && MostRelevant is null;
}

/// <summary>A badge tier someone earned, as the weekly post names it.</summary>
public sealed record EarnedBadge(string Name, string BadgeId, string? Tier);

/// <summary>The item learners rated most relevant among those rated in a week.</summary>
public sealed record MostRelevant(string ItemId, string Title, double Average, int Ratings);

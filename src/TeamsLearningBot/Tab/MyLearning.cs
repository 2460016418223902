namespace TeamsLearningBot.Tab;

/// <summary>
/// The personal tab ("My learning"): the signed-in person's own badges and progress per team,
/// their latest reflections (their anonymous ones too: they are theirs), and people they could
/// ask about the tags they reflect on. Nothing else about anyone else.
/// </summary>
public sealed record MyLearning(string? Name, IReadOnlyList<MyTeam> Teams, IReadOnlyList<MyReflection> Reflections);

/// <summary>One team (or group chat) the person has badges or progress in.</summary>
public sealed record MyTeam(string TeamId, string TeamName, IReadOnlyList<MyBadge> Badges, IReadOnlyList<TagExperts> Experts);

/// <summary>
/// A badge as <c>my badges</c> shows it: the tiers earned, and the count toward the next tier
/// (<see cref="NextThreshold"/> null when every tier is earned or the badge is off). <see cref="Line"/> is the card's wording.
/// </summary>
public sealed record MyBadge(string Id, string Name, string Emoji, string R, bool Enabled, IReadOnlyList<EarnedTier> Earned, int Count, int? NextThreshold, string? NextTier, string Line);

public sealed record EarnedTier(string Tier, DateTimeOffset AwardedAt);

/// <summary>People whose named contributions on a tag stand out (those who asked to be hidden are left out).</summary>
public sealed record TagExperts(string Tag, IReadOnlyList<string> Names);

/// <summary>One of the person's own reflections.</summary>
public sealed record MyReflection(string TeamId, string TeamName, int Item, string ItemTitle, string Text, bool Anonymous, DateTimeOffset At);

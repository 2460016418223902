namespace TeamsLearningBot.Insights.Text;

/// <summary>What a reflection reads as, beside a reflection on the content.</summary>
[Flags]
public enum SignalKinds
{
    None = 0,

    /// <summary>A proposal for the team or the business: "we could…", "what if we…", "I suggest…".</summary>
    Idea = 1,

    /// <summary>What customers, clients, users, competitors or the market say or do: "customers keep asking…".</summary>
    Market = 2,

    /// <summary>The writer (or their team) finds something hard: "I struggle with…", "I'm not sure how to…".</summary>
    Struggle = 4,
}

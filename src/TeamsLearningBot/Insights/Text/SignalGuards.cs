namespace TeamsLearningBot.Insights.Text;

/// <summary>Sentence-level vetoes of a <see cref="SignalRule"/>.</summary>
[Flags]
internal enum SignalGuards
{
    None = 0,

    /// <summary>Not when someone else is the subject before the match ("customers find it confusing" is not the writer's struggle).</summary>
    OwnSubject = 1,

    /// <summary>Not when the sentence says it is over ("I used to struggle", "confusing at first, but now…").</summary>
    NotResolved = 2,

    /// <summary>Not when a negation stands within three words before the match ("not confusing", "never confused").</summary>
    NotNegated = 4,

    /// <summary>Not inside a supposition ("what if the customer says no?", "if a client asks…"): nobody said it yet.</summary>
    NotHypothetical = 8,
}

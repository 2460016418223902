namespace TeamsLearningBot.Insights.Text;

/// <summary>
/// A term that rose: how many reflections contained it in the current and the previous period,
/// and its <see cref="RisingTerms"/> score (higher rose more).
/// </summary>
public sealed record RisingTerm(string Term, int Current, int Previous, double Score)
{
    public bool IsBigram => TermExtractor.IsBigram(Term);
}

namespace TeamsLearningBot.Recognition.Badges;

/// <summary>The 4 Rs a badge rewards (Relevance, Rich, Rewards, Real; see docs/learners.md): every badge belongs to exactly one.</summary>
public enum FourR
{
    Relevance,
    Rich,
    Rewards,
    Real,
}

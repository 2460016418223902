namespace TeamsLearningBot.Recognition.Badges;

/// <summary>The 4 Rs a badge rewards (see DESIGN.md): every badge belongs to exactly one.</summary>
public enum FourR
{
    Relevance,
    Rich,
    Rewards,
    Real,
}

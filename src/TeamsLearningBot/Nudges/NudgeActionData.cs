namespace TeamsLearningBot.Nudges;

/// <summary>What a nudge's buttons carry: which nudge (the learner's own record names the card).</summary>
public sealed record NudgeActionData(string Team, int Drop, string Occurrence);

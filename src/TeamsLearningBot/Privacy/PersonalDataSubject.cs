namespace TeamsLearningBot.Privacy;

/// <summary>Whose data to erase: every id the bot may have stored it under.</summary>
public sealed record PersonalDataSubject(string TenantId, string UserId, string? AadObjectId, string LearnerKey);

namespace TeamsLearningBot.Privacy;

/// <summary>
/// Each feature that stores something about a person registers one of these, so <c>forget me</c>
/// reaches every table. Erasing twice is harmless and reports zero the second time.
/// </summary>
public interface IPersonalDataEraser
{
    /// <summary>What the count means, e.g. "reflections".</summary>
    string Category { get; }

    Task<int> EraseAsync(PersonalDataSubject subject, CancellationToken cancellationToken);
}

/// <summary>Whose data to erase: every id the bot may have stored it under.</summary>
public sealed record PersonalDataSubject(string TenantId, string UserId, string? AadObjectId, string LearnerKey);

namespace TeamsLearningBot.Privacy;

// Where forgetting is one call on the store that owns the person's rows, the feature registers
// that call (AddPersonalDataEraser); a class implements this interface only when forgetting
// spans several stores or Teams messages.

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

public static class PersonalDataErasers
{
    /// <summary>Registers an eraser that is one call on <typeparamref name="TStore"/>, the store that owns the rows.</summary>
    public static IServiceCollection AddPersonalDataEraser<TStore>(
        this IServiceCollection services,
        string category,
        Func<TStore, PersonalDataSubject, CancellationToken, Task<int>> erase)
        where TStore : notnull =>
        services.AddSingleton<IPersonalDataEraser>(provider => new StoreEraser<TStore>(provider.GetRequiredService<TStore>(), category, erase));

    private sealed class StoreEraser<TStore>(TStore store, string category, Func<TStore, PersonalDataSubject, CancellationToken, Task<int>> erase) : IPersonalDataEraser
    {
        public string Category => category;

        public Task<int> EraseAsync(PersonalDataSubject subject, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(subject);
            return erase(store, subject, cancellationToken);
        }
    }
}

using System.Diagnostics.CodeAnalysis;

namespace TeamsLearningBot.Drops;

/// <summary>A parsed command, or what was wrong with it and the form that works.</summary>
public sealed record ParseResult<T>
    where T : class
{
    public T? Value { get; init; }

    public string? Error { get; init; }

    /// <summary>The correct form(s) to show with the error.</summary>
    public IReadOnlyList<string> Usage { get; init; } = [];

    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Value is not null;
}

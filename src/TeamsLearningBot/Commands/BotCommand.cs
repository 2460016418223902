namespace TeamsLearningBot.Commands;

/// <summary>One row of the command table: what people type, what it does, and who handles it.</summary>
public sealed record BotCommand
{
    /// <summary>The words that start the command, lower case, e.g. <c>content add</c>.</summary>
    public required string Name { get; init; }

    /// <summary>The full form shown in help, e.g. <c>kudos @name for &lt;reason&gt;</c>.</summary>
    public required string Usage { get; init; }

    public required string Description { get; init; }

    public CommandAudience Audience { get; init; } = CommandAudience.Everyone;

    public CommandScopes Scopes { get; init; } = CommandScopes.All;

    public required Type HandlerType { get; init; }
}

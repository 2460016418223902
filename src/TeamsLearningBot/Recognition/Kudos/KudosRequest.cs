using TeamsLearningBot.Protocol.Activities;

namespace TeamsLearningBot.Recognition.Kudos;

/// <summary>A <c>kudos</c> message as written: whom it names and why, before anything is checked.</summary>
public sealed record KudosRequest
{
    /// <summary>The people named right after the command word, in order, each once.</summary>
    public required IReadOnlyList<ChannelAccount> People { get; init; }

    /// <summary>The reason as plain text (mentions inside it read as the names they show); empty when missing.</summary>
    public required string Reason { get; init; }

    /// <summary>The bot itself was named as a receiver.</summary>
    public bool NamesBot { get; init; }

    /// <summary>Something that is not a person was named: another app, a channel, a team or a tag.</summary>
    public bool NamesNonPerson { get; init; }
}

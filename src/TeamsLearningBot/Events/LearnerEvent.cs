using System.Security.Cryptography;
using System.Text;
using TeamsLearningBot.Learners;

namespace TeamsLearningBot.Events;

/// <summary>
/// One thing a learner did, or that was done for them. Features publish
/// these through <see cref="LearnerEvents"/>; every <see cref="ILearnerEventSink"/> receives each one.
/// <para>
/// <see cref="EventId"/> is unique per fact and stable under redelivery (built from activity and
/// record ids, never from the clock or a random number), so a sink counts each fact once.
/// </para>
/// <para>
/// When <see cref="Anonymous"/> is set the learner chose not to be named: sinks count the event
/// under <see cref="LearnerKey"/> only, never store <see cref="Learner"/>, never name the learner
/// in anything posted where others can see it, and may use <see cref="Learner"/> only to write
/// to the learner privately.
/// </para>
/// </summary>
public sealed record LearnerEvent
{
    public required LearnerEventKind Kind { get; init; }

    public required string EventId { get; init; }

    public required string TenantId { get; init; }

    /// <summary>The community the event counts in: the team id in channels, the chat id in a group chat.</summary>
    public required string TeamId { get; init; }

    /// <summary>The one-way key of the learner the event is about (<see cref="Learners.LearnerKeys"/>).</summary>
    public required string LearnerKey { get; init; }

    /// <summary>The learner's Teams identity, when known.</summary>
    public LearnerIdentity? Learner { get; init; }

    public required DateTimeOffset At { get; init; }

    public bool Anonymous { get; init; }

    /// <summary>Where it happened (for a congratulation in place); null when there is no such place.</summary>
    public EventPlace? Place { get; init; }

    /// <summary>+1, or −1 when a fact is taken back (a removed reaction).</summary>
    public int Delta { get; init; } = 1;

    /// <summary>What the event is about: the reflection's id for reactions, the item id for suggestions.</summary>
    public string? SubjectId { get; init; }

    /// <summary>The other person of a kudos (the giver's key on KudosReceived, the receiver's on KudosGiven).</summary>
    public string? OtherLearnerKey { get; init; }

    /// <summary>Reflections: the number of words.</summary>
    public int Words { get; init; }

    /// <summary>Reflections: the text shares a link or a resource.</summary>
    public bool SharesResource { get; init; }

    /// <summary>Reflections and ratings: when the card was posted into the channel.</summary>
    public DateTimeOffset? PostedAt { get; init; }

    /// <summary>BadgeAwarded: the badge's catalogue id.</summary>
    public string? BadgeId { get; init; }

    /// <summary>BadgeAwarded: the tier earned (e.g. bronze), or null for a badge without tiers.</summary>
    public string? Tier { get; init; }

    /// <summary>Reflections, ratings and reactions: the library item (its number) of the card; suggestions: the item they became.</summary>
    public int? ItemNumber { get; init; }

    /// <summary>Reflections and ratings: the item's tags as posted.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Reflections, ratings and reactions: the channel of the card, so a private or shared channel's content stays in its own view.</summary>
    public string? ChannelId { get; init; }

    /// <summary>The channel's membership (standard, private, shared) as Teams last told it; null while unknown.</summary>
    public string? ChannelType { get; init; }

    /// <summary>Rated: the relevance given (1–5).</summary>
    public int? Rating { get; init; }

    /// <summary>
    /// Reflected: the text, for the text statistics of insights. Sinks never log it and never store
    /// it outside the reflection's own row; insights keeps only term counts and a reference.
    /// </summary>
    public string? Text { get; init; }

    /// <summary>Reflected: the reflection's source id on its card (with <see cref="SubjectId"/>, where to read it again).</summary>
    public string? SourceId { get; init; }

    /// <summary>
    /// Whether the publisher wrote the learner's team row in the <see cref="LearnerIndex"/> before
    /// publishing, and whether it was new then (the learner had no rows in the team in any book).
    /// </summary>
    public TeamIndexing TeamIndexing { get; init; }
}

/// <summary>The facts features publish and sinks count. Each names who it is about in <see cref="LearnerEvent.LearnerKey"/>.</summary>
public enum LearnerEventKind
{
    /// <summary>The learner shared a reflection (text) on a posted card, on the card or in its thread.</summary>
    Reflected,

    /// <summary>The learner rated a posted card for the first time (a changed rating is not a new fact).</summary>
    Rated,

    /// <summary>The learner received kudos from someone else.</summary>
    KudosReceived,

    /// <summary>The learner gave kudos to someone else.</summary>
    KudosGiven,

    /// <summary>
    /// A reaction was added to (<see cref="LearnerEvent.Delta"/> +1) or removed from (−1) one of the
    /// learner's reflections; <see cref="LearnerEvent.SubjectId"/> names the reflection.
    /// </summary>
    ReactionReceived,

    /// <summary>A facilitator approved content the learner suggested; it is now in the library.</summary>
    SuggestionApproved,

    /// <summary>The learner earned a badge tier (<see cref="LearnerEvent.BadgeId"/>, <see cref="LearnerEvent.Tier"/>).</summary>
    BadgeAwarded,

    /// <summary>A learner changed their rating of a card: insights moves it to the new value; the other books count only first ratings.</summary>
    RatingChanged,
}

/// <summary>
/// Where an event happened, so a congratulation can be said there: the conversation (a channel
/// thread id <c>{channel};messageid={root}</c>, a channel, or a group chat) and its service URL.
/// </summary>
public sealed record EventPlace(string ServiceUrl, string ConversationId);

/// <summary>
/// Event ids for facts that involve two people. Sinks keep an event's id with what it counted for
/// one of them (a marker, an award), so the id must not carry the other person's key: it is a
/// one-way digest of the parts, as stable as they are.
/// </summary>
internal static class EventIds
{
    public static string Of(string kind, params string[] parts)
    {
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', parts)));
        return kind + "|" + Convert.ToHexStringLower(digest.AsSpan(0, 16));
    }
}

using System.Globalization;
using Microsoft.Extensions.Options;
using TeamsLearningBot.Cards;
using TeamsLearningBot.Commands;
using TeamsLearningBot.Learners;
using TeamsLearningBot.Protocol.Activities;
using TeamsLearningBot.Reflections;

namespace TeamsLearningBot.Recognition.Kudos;

/// <summary>
/// <c>kudos @name for &lt;reason&gt;</c> in a team channel or a group chat: recognises one or more
/// colleagues in front of everyone there. Refuses kindly what cannot be kudos (yourself, the bot,
/// no reason, someone not here, more than the day allows).
/// </summary>
public sealed class KudosCommand(
    KudosReceiverResolver receivers,
    KudosGiving giving,
    LearnerKeys learners,
    IOptions<KudosOptions> options,
    TimeProvider time) : ICommandHandler
{
    public const string Usage = "kudos @name for <reason>";

    /// <summary>Long enough to say what someone did and why it mattered; short enough for a card people read.</summary>
    public const int MaxReasonLength = 500;

    private const string SelfKudos = "You can't give kudos to yourself \u2014 but I'm sure someone helped you along the way. Who would you like to recognise?";

    public async Task HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var activity = context.Activity;
        var giverKey = learners.KeyOf(activity);
        if (giverKey is null || string.IsNullOrEmpty(activity.Id))
        {
            return;
        }

        var limit = options.Value.KudosPerDay;
        var request = KudosParser.Parse(activity);
        var problem = Problem(activity, request, limit);
        if (problem is not null)
        {
            await context.Turn.ReplyAsync(problem, cancellationToken);
            return;
        }

        var (people, notMembers) = await receivers.ResolveAsync(context.Turn, request.People, cancellationToken);
        if (notMembers.Count > 0)
        {
            var where = context.Scope == CommandScopes.Team ? "this team" : "this chat";
            await context.Turn.ReplyAsync(ProblemCard.Build($"I can't find {KudosCard.Join(notMembers)} in {where}, so I can't pass on kudos. Kudos go to people who are here.", usage: Usage), cancellationToken);
            return;
        }

        var giver = new KudosPerson(giverKey, activity.From!.Id!, activity.From.AadObjectId, activity.From.Name);
        if (people.Any(p => p.Key == giverKey))
        {
            await context.Turn.ReplyAsync(ProblemCard.Build(SelfKudos), cancellationToken);
            return;
        }

        var now = time.GetUtcNow();
        var day = KudosDay.Of(activity, now);
        var claim = await giving.GiveAsync(context.Turn, giver, people, request.Reason, day, cancellationToken);
        if (claim.Status == KudosClaimStatus.LimitReached)
        {
            await context.Turn.ReplyAsync(LimitReached(limit, claim.Used, people.Count, now, day), cancellationToken);
        }
    }

    private static Attachment? Problem(Activity activity, KudosRequest request, int limit)
    {
        if (request.NamesBot)
        {
            return ProblemCard.Build("That's kind of you \u2014 but kudos are for people. @mention the colleague you'd like to recognise.", usage: Usage);
        }

        if (request.NamesNonPerson)
        {
            return ProblemCard.Build("Kudos go to people, not to channels, teams, tags or apps. @mention the person you'd like to recognise.", usage: Usage);
        }

        if (request.People.Count == 0)
        {
            return ProblemCard.Build("@mention the person you'd like to recognise, then say what for.", usage: Usage);
        }

        if (request.People.Any(p => string.Equals(p.Id, activity.From?.Id, StringComparison.OrdinalIgnoreCase)
            || (p.AadObjectId is not null && string.Equals(p.AadObjectId, activity.From?.AadObjectId, StringComparison.OrdinalIgnoreCase))))
        {
            return ProblemCard.Build(SelfKudos);
        }

        if (request.Reason.Length == 0)
        {
            return ProblemCard.Build("Say what the kudos is for \u2014 the reason is what makes recognition mean something.", usage: Usage);
        }

        if (request.Reason.Length > MaxReasonLength)
        {
            return ProblemCard.Build(
                $"That reason is {request.Reason.Length.ToString("N0", CultureInfo.InvariantCulture)} characters; kudos keep it to {MaxReasonLength.ToString(CultureInfo.InvariantCulture)}. A sentence or two about what they did is perfect.",
                usage: Usage);
        }

        if (request.People.Count > limit)
        {
            return ProblemCard.Build($"You can give up to {limit.ToString(CultureInfo.InvariantCulture)} kudos a day, and each person named counts as one. You named {request.People.Count.ToString(CultureInfo.InvariantCulture)} people.", usage: Usage);
        }

        return null;
    }

    private static string LimitReached(int limit, int used, int wanted, DateTimeOffset now, KudosDay day)
    {
        var again = $"from midnight your time ({KudosDay.Until(now, day.NextStart)})";
        var left = Math.Max(0, limit - used);
        return left == 0
            ? $"You've given all {limit.ToString(CultureInfo.InvariantCulture)} of today's kudos \u2014 thank you for recognising people so generously! You can give kudos again {again}."
            : $"You have {left.ToString(CultureInfo.InvariantCulture)} kudos left today and named {wanted.ToString(CultureInfo.InvariantCulture)} people. Name fewer, or give the rest {again}.";
    }
}

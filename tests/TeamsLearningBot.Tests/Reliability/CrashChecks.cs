using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using TeamsLearningBot.Recognition.Badges;
using TeamsLearningBot.Testing;
using TeamsLearningBot.Tests.Infrastructure;

namespace TeamsLearningBot.Tests.Reliability;

/// <summary>What the crash tables check after a redelivery, shared by the paths.</summary>
internal static class CrashChecks
{
    public static void Expect(List<string> problems, int expected, int actual, string what)
    {
        if (expected != actual)
        {
            problems.Add($"{actual} {what}, not {expected}");
        }
    }

    /// <summary>Exactly one, or none when the app recorded it as in doubt (perhaps posted; never posted again).</summary>
    public static void ExpectOnce(List<string> problems, int actual, string what, bool inDoubt)
    {
        if (actual != 1 && !(actual == 0 && inDoubt))
        {
            problems.Add($"{actual} {what}, not 1{(inDoubt ? " (recorded in doubt)" : string.Empty)}");
        }
    }

    /// <summary>
    /// One award of <paramref name="badgeId"/>, its notifications finished, one congratulation in
    /// <paramref name="place"/> and one private message to <paramref name="userId"/> — or none of a
    /// message the award records as unconfirmed (its worker stopped between sending and recording it).
    /// </summary>
    public static async Task BadgeOnceAsync(List<string> problems, BadgeLedger ledger, FakeConnector teams, string teamId, string learnerKey, string userId, string place, string badgeId, string badgeName)
    {
        var awards = await ledger.ListAwardsAsync(BadgeLedger.Partition(teamId, learnerKey), TestContext.Current.CancellationToken);
        var mine = awards.Where(a => a.BadgeId == badgeId).ToList();
        Expect(problems, 1, mine.Count, $"{badgeName} awards");
        if (mine.Any(a => !a.Done))
        {
            problems.Add("the award's notifications are not finished");
        }

        var sent = teams.Activities.Where(r => r.Method == "POST").ToList();
        var unconfirmed = mine.FirstOrDefault()?.Unconfirmed?.Split(',') ?? [];
        ExpectOnce(problems, sent.Count(r => r.ConversationId == place && (r.Text ?? string.Empty).Contains($"earned **{badgeName}**", StringComparison.Ordinal)), "congratulations", unconfirmed.Contains(BadgeNotifier.CongratulationStep));
        ExpectOnce(problems, sent.Count(r => r.ConversationId == PersonalChat(userId) && (r.Text ?? string.Empty).Contains($"You earned **{badgeName}**", StringComparison.Ordinal)), "private messages", unconfirmed.Contains(BadgeNotifier.PrivateStep));
    }

    /// <summary>The fake Connector's 1:1 chat id for a user (stable per user, as Teams').</summary>
    public static string PersonalChat(string userId) =>
        "a:1" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(userId)))[..24];

    /// <summary>Background work (card refreshes, notifications) finishes after the answer: looks again for a while.</summary>
    public static async Task<IReadOnlyList<string>> EventuallyAsync(Func<Task<IReadOnlyList<string>>> check)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var problems = await check();
            if (problems.Count == 0 || DateTime.UtcNow > deadline)
            {
                return problems;
            }

            await Task.Delay(250, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>As Teams does after a failed delivery: again, a few times, until it is accepted.</summary>
    public static async Task RedeliverAsync(BotApplicationFactory app, JsonObject activity)
    {
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            using var response = await app.PostActivityAnyStatusAsync(activity.DeepClone(), TestContext.Current.CancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), TestContext.Current.CancellationToken);
        }
    }
}

using TeamsLearningBot.Protocol.Activities;
using TeamsLearningBot.Teams;
using TeamsLearningBot.Tests.Reflections;
using static TeamsLearningBot.Tests.Insights.InsightsHost;

namespace TeamsLearningBot.Tests.Tab;

/// <summary>
/// The seeded team the tab tests look at (15 members, learner 1 facilitates): learners 1–5
/// reflect in two weeks (regular), 6–10 in one and rate it 4 or 5★ (occasional), 11–15 never (so
/// every tier is a group of at least 5); and another team of the same tenant that only learner 12 facilitates.
/// </summary>
internal static class TabTeam
{
    public const int Members = 15;
    public const string OtherTeam = "19:b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0@thread.tacv2";

    public static async Task SeedAsync(ReflectionsHost host)
    {
        var ct = TestContext.Current.CancellationToken;
        var item = await AddItemAsync(host, "Discovery calls", "sales");
        await PostedInAsync(host, item.Number, 1, 2, 3);
        for (var n = 1; n <= 5; n++)
        {
            await PublishAsync(host, Reflected(host, n, item.Number, WeeksAgo(1)), Reflected(host, n, item.Number, WeeksAgo(2)));
        }

        for (var n = 6; n <= 10; n++)
        {
            await PublishAsync(host, Reflected(host, n, item.Number, WeeksAgo(3)), Rated(host, n, item.Number, n % 2 == 0 ? 5 : 4, WeeksAgo(3)));
        }

        var teams = host.Get<TeamStore>();
        await teams.RecordInstallAsync(new TeamInstall(OtherTeam, "Other team", null, ReflectionsHost.TenantId, host.Teams.ServiceUrl, null, null), ct);
        await teams.AddFacilitatorAsync(OtherTeam, new ChannelAccount { Id = Id(12), Name = Name(12), AadObjectId = Aad(12) }, null, ct);
    }
}

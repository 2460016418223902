using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TeamsLearningBot.Drops;
using TeamsLearningBot.Privacy;
using TeamsLearningBot.Tests.Infrastructure;

namespace TeamsLearningBot.Tests.Drops;

public sealed class DropsPersonalDataEraserTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Forget_me_removes_the_scheduler_name_and_keeps_the_drop()
    {
        var start = new DateTimeOffset(2027, 1, 4, 8, 0, 0, TimeSpan.Zero);
        await using var host = await DropsHost.StartAsync(azurite, new FakeTimeProvider(start));
        await host.SeedTeamAsync();
        var item = await host.AddItemAsync("Kept");
        var planner = host.Get<DropPlanner>();
        var mine = await planner.CreateAsync(
            new Drop { TeamId = DropsHost.TeamId, Number = 0, ContentNumber = item.Number, Channels = [DropsHost.General], Schedule = DropSchedule.Recurring("0 9 * * *", "every day at 09:00"), CreatedById = "29:megan", CreatedByName = "Megan Bowen" },
            start.AddHours(1),
            TestContext.Current.CancellationToken);
        var theirs = await planner.CreateAsync(
            new Drop { TeamId = DropsHost.TeamId, Number = 0, ContentNumber = item.Number, Channels = [DropsHost.General], Schedule = DropSchedule.Recurring("0 9 * * *", "every day at 09:00"), CreatedById = "29:alex", CreatedByName = "Alex Wilber" },
            start.AddHours(1),
            TestContext.Current.CancellationToken);
        var eraser = host.Factory.Services.GetServices<IPersonalDataEraser>().Single(e => e.Category == "names on scheduled drops");
        var megan = new PersonalDataSubject(DropsHost.TenantId, "29:megan", null, "key");

        Assert.Equal(1, await eraser.EraseAsync(megan, TestContext.Current.CancellationToken));
        Assert.Equal(0, await eraser.EraseAsync(megan, TestContext.Current.CancellationToken));

        var erased = await host.GetDropAsync(mine.Number);
        Assert.Null(erased.CreatedById);
        Assert.Null(erased.CreatedByName);
        Assert.Equal(DropStatus.Active, erased.Status);
        Assert.Equal("Alex Wilber", (await host.GetDropAsync(theirs.Number)).CreatedByName);
    }
}

using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using TeamsLearningBot.Testing;
using TeamsLearningBot.Tests.Infrastructure;

namespace TeamsLearningBot.Tests.Hosting;

/// <summary>
/// A fixed set of seeds of <see cref="PayloadMutator"/> against <c>POST /api/messages</c> with a
/// valid channel token: no 5xx, no error logged, and a refused (4xx) request changes no row and no
/// queue. The longer run with a chosen seed and case count is bench/PayloadFuzz (RELIABILITY.md).
/// </summary>
public sealed class PayloadFuzzTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const int Cases = 150;

    private BotApplicationFactory app = null!;
    private FakeConnector teams = null!;
    private ChannelTokens tokens = null!;

    public async ValueTask InitializeAsync()
    {
        teams = await FakeConnector.StartAsync();
        tokens = await ChannelTokens.StartAsync();
        app = tokens.Apply(new BotApplicationFactory(azurite)).WithServices(services => services.AddFakeLogging());
    }

    public async ValueTask DisposeAsync()
    {
        await app.DisposeAsync();
        await tokens.DisposeAsync();
        await teams.DisposeAsync();
    }

    [Fact]
    public async Task Mutated_real_payloads_get_no_5xx_log_no_error_and_a_refusal_changes_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var warm = TestActivities.Load("personal-message", teams.ServiceUrl, a => a["text"] = "help");
        await app.PostActivityAsync(warm, tokens.Create(teams.ServiceUrl), ct);
        var failures = new List<string>();
        StorageSnapshot? before = null;
        for (var seed = 1; seed <= Cases; seed++)
        {
            var activity = PayloadMutator.Create(seed, teams.ServiceUrl, out var description);
            before ??= await SettledSnapshotAsync(ct);
            var errorsBefore = app.Services.GetFakeLogCollector().GetSnapshot().Count(r => r.Level >= LogLevel.Error);

            var response = await app.PostActivityAnyStatusAsync(activity, tokens.Create(teams.ServiceUrl), ct);

            var status = (int)response.StatusCode;
            if (status >= 500 && response.StatusCode != HttpStatusCode.NotImplemented)
            {
                failures.Add($"{description} answered {status} {await response.Content.ReadAsStringAsync(ct)}");
            }

            var errors = app.Services.GetFakeLogCollector().GetSnapshot().Where(r => r.Level >= LogLevel.Error).Skip(errorsBefore).ToList();
            if (errors.Count > 0)
            {
                failures.Add($"{description} logged {errors[0].Message} {errors[0].Exception?.GetType().Name}");
            }

            if (status is >= 400 and < 500)
            {
                var after = await StorageSnapshot.TakeAsync(azurite.ConnectionString, app.TablePrefix, ct);
                if (!after.Rows.SequenceEqual(before.Rows))
                {
                    failures.Add($"{description} answered {status} and changed storage:{Environment.NewLine}{after.DifferenceFrom(before)}");
                    before = after;
                }
            }
            else
            {
                before = null;
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {Cases} cases failed:{Environment.NewLine}{string.Join(Environment.NewLine, failures)}");
    }

    // An accepted case may leave a write behind it (a learner's time zone is stored in the
    // background): the next refusal is compared with storage once that has landed.
    private async Task<StorageSnapshot> SettledSnapshotAsync(CancellationToken cancellationToken)
    {
        var snapshot = await StorageSnapshot.TakeAsync(azurite.ConnectionString, app.TablePrefix, cancellationToken);
        for (var look = 0; look < 20; look++)
        {
            await Task.Delay(100, cancellationToken);
            var again = await StorageSnapshot.TakeAsync(azurite.ConnectionString, app.TablePrefix, cancellationToken);
            if (again.Rows.SequenceEqual(snapshot.Rows))
            {
                return again;
            }

            snapshot = again;
        }

        return snapshot;
    }
}

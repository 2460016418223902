using System.Globalization;
using TeamsLearningBot.Bench;
using TeamsLearningBot.Testing;

namespace TeamsLearningBot.Bench.Reflections;

/// <summary>
/// Reflections under load: the app on Kestrel with real Azurite and a fake Connector.
/// <c>dotnet run -c Release --project bench/ReflectionsLoad -- --rate 100 --seconds 30 --concurrency 32 --saturation-seconds 20 --cards 10 --learners 500</c>
/// </summary>
internal static class ReflectionsBench
{
    public static async Task Main(string[] args)
    {
        var settings = BenchSettings.Parse(args);
        var root = FindRoot();
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };

        // The app's content root, as test projects find it through their build metadata.
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_TEAMSLEARNINGBOT", Path.Combine(root, "src", "TeamsLearningBot"));
        await using var azurite = await Azurite.StartAsync(root);
        await using var teams = await FakeConnector.StartAsync();
        var tablePrefix = "b" + Guid.NewGuid().ToString("N")[..12];
        var counter = new TransactionCounter(tablePrefix);
        await using var app = new BenchApp(azurite.ConnectionString, tablePrefix, counter);
        app.UseKestrel(0);
        app.StartServer();
        using var client = app.CreateClient();
        var cards = new BenchCards(app.Services, root, teams.ServiceUrl, settings.Cards, settings.Learners);
        await cards.SeedAsync(stop.Token);
        var runner = new LoadRunner(client, cards, teams, counter, azurite);

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Environment.ProcessorCount} logical CPUs; load average {LoadAverage()}; {settings.Cards} cards; {settings.Learners} learners"));
        // At the measured rate, long enough for tiered JIT, the thread pool and the connection pools to settle.
        await runner.FixedRateAsync("warm-up", settings.Rate, 10, stop.Token);
        var results = new List<PhaseResult>
        {
            await runner.FixedRateAsync($"fixed {settings.Rate}/s, {settings.Seconds} s", settings.Rate, settings.Seconds, stop.Token),
            await runner.SaturationAsync($"saturation, {settings.Concurrency} senders, {settings.SaturationSeconds} s", settings.Concurrency, settings.SaturationSeconds, stop.Token),
        };

        Console.WriteLine();
        Console.WriteLine(PhaseResult.Header);
        foreach (var result in results)
        {
            Console.WriteLine(result.Row());
        }

        foreach (var result in results)
        {
            Console.WriteLine();
            Console.WriteLine($"Request-path table transactions per reflection, {result.Name}:");
            Console.WriteLine(result.BreakdownRows());
            Console.WriteLine($"By contact ({BenchCards.FirstContact}: the learner's first reflection, new on the card and in the team; {BenchCards.Again}: a later one on the same card):");
            Console.WriteLine(result.ContactRows());
        }

        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"load average after: {LoadAverage()}"));
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TeamsLearningBot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Run from inside the repository.");
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";
}

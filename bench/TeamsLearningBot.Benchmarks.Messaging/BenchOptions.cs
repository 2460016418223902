using System.Globalization;
using System.Reflection;

namespace TeamsLearningBot.Benchmarks.Messaging;

/// <summary>Command-line settings of a run.</summary>
internal sealed record BenchOptions
{
    public const string Usage = """
        Usage: dotnet run -c Release --project bench/TeamsLearningBot.Benchmarks.Messaging -- [options]

          --duration <s>       length of each measured phase (default 20)
          --warmup <s>         closed-loop warm-up before measuring (default 15)
          --rate <n>           activities/s of the fixed-rate phase (default 500)
          --concurrency <n>    closed-loop clients of the saturation phase (default 64)
          --max-in-flight <n>  cap on outstanding requests of the fixed-rate phase (default 1000)
          --conversations <n>  distinct personal chats the messages come from (default 1000; 50 with
                               --teams-limits on)
          --teams-limits on    keep Teams' Connector limits (50/s per app, 7/1 s, 8/2 s, 60/30 s per
                               conversation) instead of lifting them, to see the wait for permits:
                               the phases are then 40/s (under the app's 50/s) and 100/s (twice it),
                               each --duration long, and the report gives how each request was
                               answered (200, or 202 after AcknowledgeAfter), how long it took, and
                               how long its reply took to reach Teams
          --bot <path>         the bot's TeamsLearningBot.dll (default: src/TeamsLearningBot/bin/<this configuration>/net10.0)
          --bot-env <k=v>      an extra environment variable for the bot (repeatable), e.g. DOTNET_gcServer=0
          --output <path>      also write the results (markdown) to this file
        """;

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(20);

    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(15);

    public int Rate { get; init; } = 500;

    public int Concurrency { get; init; } = 64;

    public int MaxInFlight { get; init; } = 1000;

    public int Conversations { get; init; } = 1000;

    /// <summary>Keep the app's Connector limits at Teams' values (the default lifts them).</summary>
    public bool TeamsLimits { get; init; }

    public string? BotAssembly { get; init; }

    public IReadOnlyList<KeyValuePair<string, string>> BotEnvironment { get; init; } = [];

    public string? Output { get; init; }

    /// <summary>The configuration this program was built in; the bot is looked up in the same one.</summary>
    public static string BuildConfiguration =>
        typeof(BenchOptions).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";

    public static BenchOptions? Parse(string[] args)
    {
        var options = new BenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (name is "-h" or "--help")
            {
                return null;
            }

            if (i + 1 >= args.Length)
            {
                throw new ArgumentException($"{name} needs a value.");
            }

            var value = args[++i];
            options = name switch
            {
                "--duration" => options with { Duration = Seconds(name, value) },
                "--warmup" => options with { Warmup = Seconds(name, value, allowZero: true) },
                "--rate" => options with { Rate = Positive(name, value) },
                "--concurrency" => options with { Concurrency = Positive(name, value) },
                "--max-in-flight" => options with { MaxInFlight = Positive(name, value) },
                "--conversations" => options with { Conversations = Positive(name, value) },
                "--teams-limits" => options with { TeamsLimits = value is "on" ? true : value is "off" ? false : throw new ArgumentException($"{name} takes on or off, not '{value}'.") },
                "--bot" => options with { BotAssembly = Path.GetFullPath(value) },
                "--bot-env" => options with { BotEnvironment = [.. options.BotEnvironment, Variable(name, value)] },
                "--output" => options with { Output = Path.GetFullPath(value) },
                _ => throw new ArgumentException($"Unknown option {name}."),
            };
        }

        // Under Teams' limits a few conversations are the interesting shape: their permits run out.
        return options.TeamsLimits && !args.Contains("--conversations") ? options with { Conversations = 50 } : options;
    }

    private static KeyValuePair<string, string> Variable(string name, string value) =>
        value.IndexOf('=', StringComparison.Ordinal) is var at and > 0
            ? new(value[..at], value[(at + 1)..])
            : throw new ArgumentException($"{name} takes NAME=VALUE, not '{value}'.");

    private static TimeSpan Seconds(string name, string value, bool allowZero = false) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && (seconds > 0 || (allowZero && seconds == 0))
            ? TimeSpan.FromSeconds(seconds)
            : throw new ArgumentException($"{name} takes a number of seconds, not '{value}'.");

    private static int Positive(string name, string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) && number > 0
            ? number
            : throw new ArgumentException($"{name} takes a positive whole number, not '{value}'.");
}

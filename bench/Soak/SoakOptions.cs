using System.Globalization;

namespace TeamsLearningBot.Bench.Soak;

/// <summary>The soak's command line.</summary>
internal sealed class SoakOptions
{
    public const string Usage = """
        Usage: dotnet bench/Soak/bin/Release/net10.0/Soak.dll [options]
          --minutes N              length of the run, warm-up included (default 30)
          --warmup-minutes N       samples left out of the slopes (default 5)
          --rate N                 activities per second, open loop (default 3)
          --drop-every-seconds N   a facilitator's "drop Cn now in #A, #B" this often (default 60)
          --people N               the team's members, each a learner (default 60)
          --sample-seconds N       how often the bot is sampled (default 10)
          --max-rss-slope-mb N     fail above this RSS slope, MB per 10 minutes (default 10)
          --max-fd-slope N         fail above this descriptor slope, per 10 minutes (default 10)
          --max-errors N           fail above this many errors in all (default 0)
          --output FILE            also write the report to FILE
          --bot PATH               the bot's TeamsLearningBot.dll (default: src/TeamsLearningBot's build)
          --bot-env NAME=VALUE     an environment variable for the bot, e.g. DOTNET_GCConserveMemory=5 to
                                   compare GC settings (repeatable)
        """;

    public double Minutes { get; private set; } = 30;

    public double WarmupMinutes { get; private set; } = 5;

    public double Rate { get; private set; } = 3;

    public int DropEverySeconds { get; private set; } = 60;

    public int People { get; private set; } = 60;

    public int SampleSeconds { get; private set; } = 10;

    public double MaxRssSlopeMb { get; private set; } = 10;

    public double MaxFdSlope { get; private set; } = 10;

    public int MaxErrors { get; private set; }

    public string? Output { get; private set; }

    public string? BotAssembly { get; private set; }

    /// <summary>Environment variables added to the bot's own (<c>--bot-env</c>).</summary>
    public Dictionary<string, string> BotEnvironment { get; } = new(StringComparer.Ordinal);

    /// <summary>The options, or null when help was asked for.</summary>
    public static SoakOptions? Parse(string[] args)
    {
        var options = new SoakOptions();
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
            switch (name)
            {
                case "--minutes": options.Minutes = Positive(name, value); break;
                case "--warmup-minutes": options.WarmupMinutes = NonNegative(name, value); break;
                case "--rate": options.Rate = Positive(name, value); break;
                case "--drop-every-seconds": options.DropEverySeconds = (int)Positive(name, value); break;
                case "--people": options.People = Math.Max(3, (int)Positive(name, value)); break;
                case "--sample-seconds": options.SampleSeconds = (int)Positive(name, value); break;
                case "--max-rss-slope-mb": options.MaxRssSlopeMb = NonNegative(name, value); break;
                case "--max-fd-slope": options.MaxFdSlope = NonNegative(name, value); break;
                case "--max-errors": options.MaxErrors = (int)NonNegative(name, value); break;
                case "--output": options.Output = value; break;
                case "--bot": options.BotAssembly = Path.GetFullPath(value); break;
                case "--bot-env":
                    var equals = value.IndexOf('=', StringComparison.Ordinal);
                    if (equals <= 0)
                    {
                        throw new ArgumentException($"--bot-env needs NAME=VALUE, not {value}.");
                    }

                    options.BotEnvironment[value[..equals]] = value[(equals + 1)..];
                    break;
                default: throw new ArgumentException($"Unknown option {name}.");
            }
        }

        if (options.WarmupMinutes >= options.Minutes)
        {
            throw new ArgumentException("--warmup-minutes must be shorter than --minutes.");
        }

        return options;
    }

    private static double Positive(string name, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : throw new ArgumentException($"{name} must be a positive number, not {value}.");

    private static double NonNegative(string name, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n >= 0 ? n : throw new ArgumentException($"{name} must be a number of 0 or more, not {value}.");
}

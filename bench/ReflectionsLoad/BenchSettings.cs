using System.Globalization;

namespace TeamsLearningBot.Bench.Reflections;

/// <summary><c>--rate 100 --seconds 30 --concurrency 32 --saturation-seconds 20 --cards 10 --learners 5000</c>.</summary>
internal sealed record BenchSettings(int Rate, int Seconds, int Concurrency, int SaturationSeconds, int Cards, int Learners)
{
    public static BenchSettings Parse(string[] args)
    {
        var values = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase)
        {
            ["rate"] = 100,
            ["seconds"] = 30,
            ["concurrency"] = 32,
            ["saturation-seconds"] = 20,
            ["cards"] = 10,
            ["learners"] = 5000,
        };
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var name = args[i].TrimStart('-');
            if (!values.ContainsKey(name) || !int.TryParse(args[i + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value <= 0)
            {
                throw new ArgumentException($"Unknown or invalid option {args[i]} {args[i + 1]}.");
            }

            values[name] = value;
        }

        return new BenchSettings(values["rate"], values["seconds"], values["concurrency"], values["saturation-seconds"], values["cards"], values["learners"]);
    }
}

using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using TeamsLearningBot.Events;

namespace TeamsLearningBot.Recognition.Badges;

/// <summary>
/// The committed badge catalogue (Recognition/Badges/Badges.json, embedded in the assembly). It is
/// data, not code: adding a badge or changing a default threshold is an edit of the file. The file
/// is read and checked when the app starts; a bad file stops the start with every problem listed.
/// </summary>
public sealed partial class BadgeCatalogue
{
    public const string FileName = "Badges.json";
    private const string ResourceName = "TeamsLearningBot.Recognition.Badges.Badges.json";
    private const int MaxDescriptionLength = 140;
    private static readonly string[] TierNames = ["bronze", "silver", "gold"];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private readonly Dictionary<string, BadgeDefinition> byId;
    private readonly Dictionary<LearnerEventKind, BadgeDefinition[]> byKind;

    private BadgeCatalogue(IReadOnlyList<BadgeDefinition> badges)
    {
        All = badges;
        byId = badges.ToDictionary(b => b.Id, StringComparer.OrdinalIgnoreCase);
        byKind = badges.GroupBy(b => b.Counts).ToDictionary(g => g.Key, g => g.ToArray());
    }

    /// <summary>Every badge, in the file's order.</summary>
    public IReadOnlyList<BadgeDefinition> All { get; }

    /// <summary>The badges an event of <paramref name="kind"/> can change: the only ones it evaluates.</summary>
    public IReadOnlyList<BadgeDefinition> ListeningTo(LearnerEventKind kind) => byKind.TryGetValue(kind, out var badges) ? badges : [];

    public BadgeDefinition? Find(string? id) => id is not null && byId.TryGetValue(id.Trim(), out var badge) ? badge : null;

    /// <summary>The catalogue embedded in the app.</summary>
    public static BadgeCatalogue LoadEmbedded()
    {
        using var stream = typeof(BadgeCatalogue).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new BadgeCatalogueException($"The badge catalogue {FileName} is missing from the app (embedded resource {ResourceName}).");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }

    /// <summary>Reads and checks a catalogue; throws <see cref="BadgeCatalogueException"/> naming every problem.</summary>
    public static BadgeCatalogue Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        CatalogueFile? file;
        try
        {
            file = JsonSerializer.Deserialize<CatalogueFile>(json, Json);
        }
        catch (JsonException e)
        {
            throw new BadgeCatalogueException($"The badge catalogue {FileName} is not valid: {e.Message}", e);
        }

        var problems = new List<string>();
        var badges = new List<BadgeDefinition>();
        if (file?.Badges is not { Count: > 0 } entries)
        {
            problems.Add("it lists no badges (expected {\"badges\": [ … ]})");
        }
        else
        {
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < entries.Count; i++)
            {
                var badge = Check(entries[i], $"badge {i + 1}", problems);
                if (badge is not null && !seen.Add(badge.Id))
                {
                    problems.Add($"badge {i + 1}: the id \u201C{badge.Id}\u201D is used more than once");
                }
                else if (badge is not null)
                {
                    badges.Add(badge);
                }
            }
        }

        if (problems.Count > 0)
        {
            throw new BadgeCatalogueException($"The badge catalogue {FileName} has {problems.Count} problem{(problems.Count == 1 ? string.Empty : "s")}:{Environment.NewLine}- {string.Join(Environment.NewLine + "- ", problems)}");
        }

        return new BadgeCatalogue(badges);
    }

    private static BadgeDefinition? Check(Entry? entry, string where, List<string> problems)
    {
        if (entry is null)
        {
            problems.Add($"{where}: is empty");
            return null;
        }

        var before = problems.Count;
        if (string.IsNullOrWhiteSpace(entry.Id) || !IdPattern().IsMatch(entry.Id) || entry.Id.Length > 40)
        {
            problems.Add($"{where}: the id \u201C{entry.Id}\u201D must be lower-case words joined by hyphens (at most 40 characters), like \u201Cpoint-of-need\u201D");
        }
        else
        {
            where += $" ({entry.Id})";
        }

        Require(entry.Name, "name", where, problems);
        Require(entry.Emoji, "emoji", where, problems);
        Require(entry.Unit, "unit", where, problems);
        if (Require(entry.Description, "description", where, problems)
            && (entry.Description!.Contains('\n', StringComparison.Ordinal) || entry.Description.Length > MaxDescriptionLength))
        {
            problems.Add($"{where}: the description must be one line of at most {MaxDescriptionLength} characters");
        }

        FourR r = default;
        if (!Enum.TryParse(entry.R, ignoreCase: false, out r) || !Enum.IsDefined(r) || int.TryParse(entry.R, out _))
        {
            problems.Add($"{where}: \u201Cr\u201D must be one of {string.Join(", ", Enum.GetNames<FourR>())} (was \u201C{entry.R}\u201D)");
        }

        var (criterion, parameter) = CheckCriterion(entry.Criterion, where, problems);
        var tiers = CheckTiers(entry.Tiers, where, problems);
        return problems.Count > before ? null : new BadgeDefinition
        {
            Id = entry.Id!,
            Name = entry.Name!.Trim(),
            R = r,
            Emoji = entry.Emoji!.Trim(),
            Description = entry.Description!.Trim(),
            Criterion = criterion,
            Parameter = parameter,
            Unit = entry.Unit!.Trim(),
            Tiers = tiers,
        };
    }

    private static (BadgeCriterion Criterion, int Parameter) CheckCriterion(CriterionEntry? entry, string where, List<string> problems)
    {
        if (entry is null || !Enum.TryParse<BadgeCriterion>(entry.Counts, ignoreCase: false, out var criterion) || !Enum.IsDefined(criterion) || int.TryParse(entry.Counts, out _))
        {
            problems.Add($"{where}: \u201Ccriterion.counts\u201D must be one of {string.Join(", ", Enum.GetNames<BadgeCriterion>())} (was \u201C{entry?.Counts}\u201D)");
            return default;
        }

        var given = new List<(string Name, int Value)>();
        if (entry.WithinHours is { } hours)
        {
            given.Add(("withinHours", hours));
        }

        if (entry.MinimumWords is { } words)
        {
            given.Add(("minimumWords", words));
        }

        if (entry.MinimumReactions is { } reactions)
        {
            given.Add(("minimumReactions", reactions));
        }

        var expected = BadgeCriteria.ParameterOf(criterion);
        foreach (var extra in given.Where(g => g.Name != expected))
        {
            problems.Add($"{where}: {criterion} takes no \u201C{extra.Name}\u201D");
        }

        if (expected is null)
        {
            return (criterion, 0);
        }

        var value = given.FirstOrDefault(g => g.Name == expected).Value;
        if (value <= 0)
        {
            problems.Add($"{where}: {criterion} needs \u201C{expected}\u201D, a positive whole number");
        }

        return (criterion, value);
    }

    private static List<BadgeTier> CheckTiers(List<TierEntry>? entries, string where, List<string> problems)
    {
        var tiers = new List<BadgeTier>();
        if (entries is not { Count: > 0 and <= 3 })
        {
            problems.Add($"{where}: \u201Ctiers\u201D must list 1 to 3 tiers, like [{{\"tier\": \"bronze\", \"at\": 3}}, …]");
            return tiers;
        }

        var single = entries.Count == 1 && entries[0]?.Tier is null;
        for (var i = 0; i < entries.Count; i++)
        {
            var tier = entries[i];
            if (tier?.At is not > 0)
            {
                problems.Add($"{where}: tier {i + 1} needs \u201Cat\u201D, a positive whole number");
                continue;
            }

            if (!single && !string.Equals(tier.Tier, TierNames[i], StringComparison.Ordinal))
            {
                problems.Add($"{where}: tier {i + 1} must be named \u201C{TierNames[i]}\u201D (tiers go bronze, silver, gold; a single unnamed tier is a badge without tiers)");
            }

            if (tiers.Count > 0 && tier.At <= tiers[^1].Threshold)
            {
                problems.Add($"{where}: tier thresholds must go up (tier {i + 1} is at {tier.At}, after {tiers[^1].Threshold})");
            }

            tiers.Add(new BadgeTier(single ? null : tier.Tier, tier.At.Value));
        }

        return tiers;
    }

    private static bool Require(string? value, string name, string where, List<string> problems)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            return true;
        }

        problems.Add($"{where}: \u201C{name}\u201D is missing");
        return false;
    }

    [GeneratedRegex("^[a-z][a-z0-9]*(-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();

    private sealed record CatalogueFile(List<Entry?>? Badges);

    private sealed record Entry(string? Id, string? Name, string? R, string? Emoji, string? Description, CriterionEntry? Criterion, string? Unit, List<TierEntry>? Tiers);

    private sealed record CriterionEntry(string? Counts, int? WithinHours, int? MinimumWords, int? MinimumReactions);

    private sealed record TierEntry(string? Tier, int? At);
}

/// <summary>The badge catalogue file is not usable; the message lists every problem found.</summary>
public sealed class BadgeCatalogueException : Exception
{
    public BadgeCatalogueException()
    {
    }

    public BadgeCatalogueException(string message)
        : base(message)
    {
    }

    public BadgeCatalogueException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

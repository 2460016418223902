using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;
using Cronos;
using TeamsLearningBot.Content;

namespace TeamsLearningBot.Drops;

/// <summary>
/// Reads the drop commands. Every mistake gets a sentence saying what was wrong, plus the forms
/// that work.
/// </summary>
public static partial class DropCommandParser
{
    public static IReadOnlyList<string> ScheduleUsage { get; } =
    [
        "schedule C12 in #channel at 2026-12-01 09:00",
        "schedule C12 in #channel every weekday at 09:00",
        "schedule C12 in #channel every monday at 09:30",
        "schedule C12 in #channel cron \"0 9 * * 1\"",
        "schedule tag:feedback in #channel every monday at 09:00",
        "schedule C12 in #a, #b every friday at 14:00 tz Europe/Paris anonymous",
    ];

    public static IReadOnlyList<string> DropNowUsage { get; } = ["drop C12 now", "drop C12 now in #channel"];

    private static readonly string[] Keywords = ["at", "every", "cron", "tz", "timezone", "anonymous", "now"];

    private static readonly Dictionary<string, (string Cron, string Name)> Days = new(StringComparer.OrdinalIgnoreCase)
    {
        ["monday"] = ("1", "monday"),
        ["mon"] = ("1", "monday"),
        ["tuesday"] = ("2", "tuesday"),
        ["tue"] = ("2", "tuesday"),
        ["tues"] = ("2", "tuesday"),
        ["wednesday"] = ("3", "wednesday"),
        ["wed"] = ("3", "wednesday"),
        ["thursday"] = ("4", "thursday"),
        ["thu"] = ("4", "thursday"),
        ["thurs"] = ("4", "thursday"),
        ["friday"] = ("5", "friday"),
        ["fri"] = ("5", "friday"),
        ["saturday"] = ("6", "saturday"),
        ["sat"] = ("6", "saturday"),
        ["sunday"] = ("0", "sunday"),
        ["sun"] = ("0", "sunday"),
    };

    public static ParseResult<ScheduleRequest> ParseSchedule(string arguments)
    {
        var tokens = CommandTokenizer.Tokenize(arguments ?? string.Empty);
        if (tokens.Count == 0)
        {
            return Fail<ScheduleRequest>("Tell me what to post, where and when.", ScheduleUsage);
        }

        var i = 0;
        var what = ParseWhat(tokens, ref i);
        if (what.Error is not null)
        {
            return Fail<ScheduleRequest>(what.Error, ScheduleUsage);
        }

        var channels = ParseChannels(tokens, ref i, required: true);
        if (channels.Error is not null)
        {
            return Fail<ScheduleRequest>(channels.Error, ScheduleUsage);
        }

        RequestedTime? time = null;
        string? zone = null;
        var anonymous = false;
        while (i < tokens.Count)
        {
            var token = tokens[i];
            if (token.Is("anonymous"))
            {
                anonymous = true;
                i++;
            }
            else if (token.IsAny("tz", "timezone"))
            {
                if (i + 1 >= tokens.Count)
                {
                    return Fail<ScheduleRequest>("`tz` needs a time zone after it, like `tz Europe/Paris`.", ScheduleUsage);
                }

                zone = tokens[i + 1].Text;
                i += 2;
            }
            else if (token.IsAny("at", "every", "cron"))
            {
                if (time is not null)
                {
                    return Fail<ScheduleRequest>("Give one time only: a date (`at …`), a repeat (`every …`) or a `cron` expression.", ScheduleUsage);
                }

                var parsed = token.Is("at") ? ParseOnce(tokens, ref i) : token.Is("every") ? ParseEvery(tokens, ref i) : ParseCron(tokens, ref i);
                if (parsed.Error is not null)
                {
                    return Fail<ScheduleRequest>(parsed.Error, ScheduleUsage);
                }

                time = parsed.Time;
            }
            else
            {
                return Fail<ScheduleRequest>($"I didn't understand \u201C{token.Text}\u201D there.", ScheduleUsage);
            }
        }

        if (time is null)
        {
            return Fail<ScheduleRequest>("Say when: `at 2026-12-01 09:00`, `every weekday at 09:00`, `every monday at 09:30` or `cron \"0 9 * * 1\"`.", ScheduleUsage);
        }

        return ParseResults.Ok(new ScheduleRequest
        {
            ContentNumber = what.ContentNumber,
            Tag = what.Tag,
            Channels = channels.Channels,
            Time = time,
            TimeZone = zone,
            Anonymous = anonymous,
        });
    }

    public static ParseResult<DropNowRequest> ParseDropNow(string arguments)
    {
        var tokens = CommandTokenizer.Tokenize(arguments ?? string.Empty);
        if (tokens.Count == 0 || !ContentItem.TryParseId(tokens[0].Text, out var number))
        {
            return Fail<DropNowRequest>(
                tokens.Count == 0 ? "Which item? Give its id, like `C12`." : $"\u201C{tokens[0].Text}\u201D is not a library id; ids look like `C12`.",
                DropNowUsage);
        }

        var i = 1;
        var now = false;
        var anonymous = false;
        IReadOnlyList<ChannelReference> channels = [];
        while (i < tokens.Count)
        {
            var token = tokens[i];
            if (token.Is("now"))
            {
                now = true;
                i++;
            }
            else if (token.Is("anonymous"))
            {
                anonymous = true;
                i++;
            }
            else if (token.IsAny("in", "here", "this"))
            {
                var parsed = ParseChannels(tokens, ref i, required: true);
                if (parsed.Error is not null)
                {
                    return Fail<DropNowRequest>(parsed.Error, DropNowUsage);
                }

                channels = parsed.Channels;
            }
            else
            {
                return Fail<DropNowRequest>($"I didn't understand \u201C{token.Text}\u201D there.", DropNowUsage);
            }
        }

        return now
            ? ParseResults.Ok(new DropNowRequest(number, channels, anonymous))
            : Fail<DropNowRequest>("To post right away, add `now`. To post later, use `schedule`.", [.. DropNowUsage, ScheduleUsage[0]]);
    }

    private static ParseResult<T> Fail<T>(string error, IReadOnlyList<string> usage)
        where T : class => ParseResults.Fail<T>(error, usage);

    private static (int? ContentNumber, string? Tag, string? Error) ParseWhat(List<CommandToken> tokens, ref int i)
    {
        var first = tokens[i];
        if (!first.Quoted && ContentItem.TryParseId(first.Text, out var number))
        {
            i++;
            return (number, null, null);
        }

        if (!first.Quoted && first.Text.StartsWith("tag:", StringComparison.OrdinalIgnoreCase))
        {
            var tag = first.Text[4..];
            i++;
            if (tag.Length == 0 && i < tokens.Count && !tokens[i].Is("in"))
            {
                tag = tokens[i++].Text;
            }

            return tag.Length == 0 ? (null, null, "`tag:` needs a tag after it, like `tag:feedback`.") : (null, tag.TrimStart('#'), null);
        }

        return (null, null, $"Start with what to post: a library id like `C12`, or a series by tag like `tag:feedback` (\u201C{first.Text}\u201D is neither).");
    }

    private static (IReadOnlyList<ChannelReference> Channels, string? Error) ParseChannels(List<CommandToken> tokens, ref int i, bool required)
    {
        if (i < tokens.Count && tokens[i].Is("in"))
        {
            i++;
        }
        else if (!(i < tokens.Count && tokens[i].IsAny("here", "this")))
        {
            return required ? ([], "Say where to post it: `in #channel` (or `in here` for this channel).") : ([], null);
        }

        var channels = new List<ChannelReference>();
        var words = new List<string>();
        var quoted = false;
        while (i < tokens.Count && !(tokens[i].IsAny(Keywords)))
        {
            var token = tokens[i++];
            if (token.IsSeparator)
            {
                AddChannel(channels, words, quoted);
                words.Clear();
                quoted = false;
                continue;
            }

            quoted |= token.Quoted;
            words.Add(token.Text);
        }

        AddChannel(channels, words, quoted);
        return channels.Count == 0
            ? ([], "Name at least one channel after `in`, like `in #general`, or say `in here`.")
            : (channels.Distinct().ToList(), null);
    }

    private static void AddChannel(List<ChannelReference> channels, List<string> words, bool quoted)
    {
        if (words.Count == 0)
        {
            return;
        }

        var name = string.Join(' ', words).Trim();
        if (!quoted && (name.Equals("here", StringComparison.OrdinalIgnoreCase) || name.Equals("this channel", StringComparison.OrdinalIgnoreCase)))
        {
            channels.Add(ChannelReference.Here);
            return;
        }

        name = name.TrimStart('#').Trim();
        if (name.Length > 0)
        {
            channels.Add(new ChannelReference(name));
        }
    }

    private static (RequestedTime? Time, string? Error) ParseOnce(List<CommandToken> tokens, ref int i)
    {
        const string Form = "A one-off needs a date and a 24-hour time: `at 2026-12-01 09:00`.";
        i++;
        if (i >= tokens.Count)
        {
            return (null, Form);
        }

        var dateText = tokens[i].Text;
        string? timeText = null;
        var split = dateText.IndexOfAny(['T', 't']);
        if (split > 0)
        {
            timeText = dateText[(split + 1)..];
            dateText = dateText[..split];
        }

        if (!DateOnly.TryParseExact(dateText, ["yyyy-MM-dd", "yyyy-M-d", "yyyy/MM/dd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return (null, LooksLikeTime(dateText)
                ? "A one-off needs a date before the time: `at 2026-12-01 09:00`. For a repeat, use `every weekday at 09:00`."
                : $"\u201C{dateText}\u201D is not a date I can read. " + Form);
        }

        i++;
        if (timeText is null)
        {
            if (i >= tokens.Count)
            {
                return (null, Form);
            }

            timeText = tokens[i++].Text;
        }

        var time = ParseTimeOfDay(timeText, tokens, ref i);
        if (time is null)
        {
            return (null, $"\u201C{timeText}\u201D is not a time I can read. " + Form);
        }

        var local = date.ToDateTime(time.Value);
        return (new RequestedTime
        {
            OnceLocal = local,
            Description = "once at " + local.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
        }, null);
    }

    private static (RequestedTime? Time, string? Error) ParseEvery(List<CommandToken> tokens, ref int i)
    {
        const string Form = "A repeat names the days and a time: `every weekday at 09:00`, `every day at 08:30` or `every monday and thursday at 09:30`.";
        i++;
        var days = new List<string>();
        var names = new List<string>();
        var everyDay = false;
        while (i < tokens.Count && !tokens[i].Is("at"))
        {
            var token = tokens[i++];
            if (token.IsSeparator)
            {
                continue;
            }

            var word = token.Text.ToLowerInvariant();
            if (word is "day" or "daily")
            {
                everyDay = true;
            }
            else if (word is "weekday" or "weekdays")
            {
                days.Add("1-5");
                names.Add("weekday");
            }
            else if (Days.TryGetValue(word.TrimEnd('s'), out var day) || Days.TryGetValue(word, out day))
            {
                if (!days.Contains(day.Cron))
                {
                    days.Add(day.Cron);
                    names.Add(day.Name);
                }
            }
            else
            {
                return (null, $"\u201C{token.Text}\u201D is not a day I know. " + Form);
            }
        }

        if (!everyDay && days.Count == 0)
        {
            return (null, "Which days? " + Form);
        }

        if (i >= tokens.Count)
        {
            return (null, "At what time? " + Form);
        }

        i++;
        if (i >= tokens.Count)
        {
            return (null, "At what time? " + Form);
        }

        var timeText = tokens[i++].Text;
        var time = ParseTimeOfDay(timeText, tokens, ref i);
        if (time is null)
        {
            return (null, $"\u201C{timeText}\u201D is not a time I can read. " + Form);
        }

        var dayField = everyDay ? "*" : string.Join(',', days);
        var dayWords = everyDay ? "day" : names.Count == 1 ? names[0] : string.Join(", ", names.Take(names.Count - 1)) + " and " + names[^1];
        var clock = time.Value.ToString("HH:mm", CultureInfo.InvariantCulture);
        return (new RequestedTime
        {
            Cron = string.Create(CultureInfo.InvariantCulture, $"{time.Value.Minute} {time.Value.Hour} * * {dayField}"),
            Description = $"every {dayWords} at {clock}",
        }, null);
    }

    private static (RequestedTime? Time, string? Error) ParseCron(List<CommandToken> tokens, ref int i)
    {
        const string Form = "A cron expression has five fields in quotes: minute hour day-of-month month day-of-week, like `cron \"0 9 * * 1\"` (09:00 every Monday).";
        i++;
        string expression;
        if (i < tokens.Count && tokens[i].Quoted)
        {
            expression = tokens[i++].Text;
        }
        else
        {
            // Unquoted: take the five fields as they come.
            var fields = new List<string>();
            while (i < tokens.Count && fields.Count < 5 && !tokens[i].IsAny(Keywords))
            {
                fields.Add(tokens[i++].Text);
            }

            expression = string.Join(' ', fields);
        }

        expression = string.Join(' ', expression.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        if (expression.Split(' ').Length != 5 || !CronExpression.TryParse(expression, CronFormat.Standard, out _))
        {
            return (null, (expression.Length == 0 ? "The cron expression is missing. " : $"\u201C{expression}\u201D is not a cron expression I can read. ") + Form);
        }

        return (new RequestedTime { Cron = expression, Description = "cron " + expression }, null);
    }

    /// <summary><c>09:00</c>, <c>9:00</c>, <c>9</c>, <c>9am</c>, <c>9:30 pm</c>.</summary>
    private static TimeOnly? ParseTimeOfDay(string text, List<CommandToken> tokens, ref int i)
    {
        var candidate = text;
        if (i < tokens.Count && tokens[i].IsAny("am", "pm"))
        {
            candidate += tokens[i++].Text;
        }

        var match = TimeOfDay().Match(candidate);
        if (!match.Success)
        {
            return null;
        }

        var hour = int.Parse(match.Groups["h"].Value, CultureInfo.InvariantCulture);
        var minute = match.Groups["m"].Success ? int.Parse(match.Groups["m"].Value, CultureInfo.InvariantCulture) : 0;
        if (match.Groups["ampm"].Success)
        {
            if (hour is < 1 or > 12)
            {
                return null;
            }

            var pm = match.Groups["ampm"].Value.Equals("pm", StringComparison.OrdinalIgnoreCase);
            hour = (hour % 12) + (pm ? 12 : 0);
        }

        return hour is >= 0 and < 24 && minute is >= 0 and < 60 ? new TimeOnly(hour, minute) : null;
    }

    private static bool LooksLikeTime(string text) => TimeOfDay().IsMatch(text);

    [GeneratedRegex("^(?<h>\\d{1,2})(?:[:.h](?<m>\\d{2}))?\\s*(?<ampm>am|pm)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TimeOfDay();
}

/// <summary>A parsed <c>drop C12 now [in #channel]</c>; no channels means the one it was typed in.</summary>
public sealed record DropNowRequest(int ContentNumber, IReadOnlyList<ChannelReference> Channels, bool Anonymous);

/// <summary>A parsed <c>schedule</c> command.</summary>
public sealed record ScheduleRequest
{
    /// <summary>The library item (C12), or null for a series.</summary>
    public int? ContentNumber { get; init; }

    /// <summary>The series tag (tag:feedback), or null for one item.</summary>
    public string? Tag { get; init; }

    public required IReadOnlyList<ChannelReference> Channels { get; init; }

    public required RequestedTime Time { get; init; }

    /// <summary>An IANA zone that overrides the team's for this drop.</summary>
    public string? TimeZone { get; init; }

    public bool Anonymous { get; init; }
}

/// <summary>When a facilitator asked a drop to run: a wall-clock time once, or a cron expression.</summary>
public sealed record RequestedTime
{
    /// <summary>The one-off's date and time on the wall clock of the drop's zone.</summary>
    public DateTime? OnceLocal { get; init; }

    public string? Cron { get; init; }

    /// <summary>Normalised wording for listings: <c>every monday at 09:30</c>.</summary>
    public required string Description { get; init; }
}

/// <summary>A parsed command, or what was wrong with it and the form that works.</summary>
public sealed record ParseResult<T>
    where T : class
{
    public T? Value { get; init; }

    public string? Error { get; init; }

    /// <summary>The correct form(s) to show with the error.</summary>
    public IReadOnlyList<string> Usage { get; init; } = [];

    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Value is not null;
}

public static class ParseResults
{
    public static ParseResult<T> Ok<T>(T value)
        where T : class => new() { Value = value };

    public static ParseResult<T> Fail<T>(string error, IReadOnlyList<string> usage)
        where T : class => new() { Error = error, Usage = usage };
}

using System.Globalization;
using System.Net;

namespace TeamsLearningBot.Drops;

/// <summary>Delivery outcomes in words a facilitator can act on.</summary>
internal static class Reasons
{
    public const string Interrupted = "The bot stopped while posting, so it is not known whether Teams got it; not sent again, to avoid a duplicate.";

    public const string NoAnswer = "Teams did not answer in time, so it may or may not have been posted; not sent again, to avoid a duplicate.";

    public const string TeamGone = "The bot is no longer installed in this team.";

    public const string Unreachable = "Teams could not be reached.";

    public const string NoToken = "The bot could not get its token from Microsoft Entra ID (check the app registration's secret).";

    public static string Stopped(DropStatus status) =>
        $"the drop was {(status == DropStatus.Paused ? "paused" : "cancelled")} before it reached this channel.";

    public static string GatewayNoAnswer(HttpStatusCode status) =>
        $"A gateway answered {(int)status} {status} before Teams did, so it may or may not have been posted; not sent again, to avoid a duplicate.";

    public static string ItemGone(int contentNumber) =>
        $"C{contentNumber.ToString(CultureInfo.InvariantCulture)} is no longer in the library (archived or removed).";

    public static string Refused(HttpStatusCode status, string? errorCode) => status switch
    {
        HttpStatusCode.Forbidden => $"Teams refused the post (403{Code(errorCode)}): the bot was probably removed from the team or the channel.",
        HttpStatusCode.NotFound or HttpStatusCode.Gone => $"Teams does not know this channel ({(int)status}{Code(errorCode)}): it was probably deleted, or the bot removed.",
        HttpStatusCode.RequestEntityTooLarge => $"Teams found the card too large (413{Code(errorCode)}).",
        _ => $"Teams rejected the post ({(int)status}{Code(errorCode)}).",
    };

    public static string Transient(HttpStatusCode status, string? errorCode) => status == HttpStatusCode.TooManyRequests
        ? "Teams asked the bot to slow down (429)."
        : $"Teams answered {(int)status}{Code(errorCode)}.";

    public static string GaveUp(long attempts, string? lastReason) =>
        $"Gave up after {attempts.ToString(CultureInfo.InvariantCulture)} attempts." + (lastReason is null ? string.Empty : " Last: " + lastReason);

    private static string Code(string? errorCode) => string.IsNullOrEmpty(errorCode) ? string.Empty : " " + errorCode;
}

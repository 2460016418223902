using TeamsLearningBot.Cards;
using TeamsLearningBot.Protocol.Routing;

namespace TeamsLearningBot.Reflections;

/// <summary>The <c>{statusCode, type, value}</c> answers of an <c>adaptiveCard/action</c> invoke.</summary>
public static class CardActionResponses
{
    public const string CardType = "application/vnd.microsoft.card.adaptive";
    public const string ErrorType = "application/vnd.microsoft.error";

    /// <summary>A card that replaces the one acted on, for the person who acted.</summary>
    public static InvokeResponse Card(AdaptiveCard card)
    {
        ArgumentNullException.ThrowIfNull(card);
        return InvokeResponse.Ok(new Body(200, CardType, card.ToAttachment().Content));
    }

    public static InvokeResponse Error(int statusCode, string code, string message) =>
        new(statusCode, new Body(statusCode, ErrorType, new ErrorValue(code, message)));

    private sealed record Body(int StatusCode, string Type, object? Value);

    private sealed record ErrorValue(string Code, string Message);
}

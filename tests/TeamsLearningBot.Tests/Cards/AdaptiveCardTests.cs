using TeamsLearningBot.Cards;

namespace TeamsLearningBot.Tests.Cards;

public sealed class AdaptiveCardTests
{
    [Fact]
    public void ToAttachment_measures_the_serialized_utf8_bytes()
    {
        // 20,000 ASCII characters are about 20 KB on the wire: within the limit.
        var fits = new AdaptiveCard().Add(CardElement.Text(new string('a', 20_000)));
        Assert.NotNull(fits.ToAttachment().Content);

        // Quotes are escaped as \u0022 (6 bytes each): 5,000 of them are about 30 KB.
        var escaped = new AdaptiveCard().Add(CardElement.Text(new string('"', 5_000)));
        var error = Assert.Throws<CardTooLargeException>(escaped.ToAttachment);
        Assert.InRange(error.Bytes, 30_000, 31_000);
    }
}

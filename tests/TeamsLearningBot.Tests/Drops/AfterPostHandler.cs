namespace TeamsLearningBot.Tests.Drops;

/// <summary>
/// Innermost handler of the bot's Connector client: runs a test's code right after Teams accepted
/// a new channel thread, before the bot sees the answer (to "kill" a worker at that moment).
/// </summary>
internal sealed class AfterPostHandler(Func<Action<string>?> callback) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (response.IsSuccessStatusCode && request.Method == HttpMethod.Post && request.RequestUri!.AbsolutePath.EndsWith("/v3/conversations", StringComparison.Ordinal))
        {
            callback()?.Invoke(request.RequestUri.AbsoluteUri);
        }

        return response;
    }
}

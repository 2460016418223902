using System.Net;
using System.Net.Http.Headers;

namespace TeamsLearningBot.Protocol.Authentication;

/// <summary>
/// Adds the bot's token to Connector calls. It sits only in the Connector client's pipeline, whose
/// requests all go to an activity's serviceUrl, so the token never reaches another host.
/// </summary>
public sealed class BotTokenHandler(IBotTokenProvider tokens) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var token = await tokens.GetTokenAsync(forceRefresh: false, cancellationToken);
        if (token is null)
        {
            return await base.SendAsync(request, cancellationToken);
        }

        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return response;
        }

        // A cached token can be refused before it expires (for example after a secret rotation);
        // one fresh token is worth exactly one retry.
        var fresh = await tokens.GetTokenAsync(forceRefresh: true, cancellationToken);
        if (fresh is null)
        {
            return response;
        }

        response.Dispose();
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", fresh);
        return await base.SendAsync(request, cancellationToken);
    }
}

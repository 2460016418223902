using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using TeamsLearningBot.Protocol.Activities;

namespace TeamsLearningBot.Protocol.Connector;

/// <summary>
/// The Bot Connector REST API (v3) and the Teams team/channel APIs. A typed client: the token,
/// retry and rate-limit handlers sit in its HttpClient pipeline.
/// </summary>
public sealed class ConnectorClient(HttpClient http)
{
    /// <summary>Request option carrying the conversation a send is rate-limited under.</summary>
    public static readonly HttpRequestOptionsKey<string> ConversationKey = new("TeamsLearningBot.Conversation");

    public Task<ResourceResponse> SendToConversationAsync(string serviceUrl, string conversationId, Activity activity, CancellationToken cancellationToken = default) =>
        SendAsync<ResourceResponse>(HttpMethod.Post, serviceUrl, ["v3", "conversations", conversationId, "activities"], activity, conversationId, cancellationToken);

    public Task<ResourceResponse> ReplyToActivityAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken = default) =>
        SendAsync<ResourceResponse>(HttpMethod.Post, serviceUrl, ["v3", "conversations", conversationId, "activities", activityId], activity with { ReplyToId = activityId }, conversationId, cancellationToken);

    public Task<ResourceResponse> UpdateActivityAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken = default) =>
        SendAsync<ResourceResponse>(HttpMethod.Put, serviceUrl, ["v3", "conversations", conversationId, "activities", activityId], activity with { Id = activityId }, conversationId, cancellationToken);

    public async Task DeleteActivityAsync(string serviceUrl, string conversationId, string activityId, CancellationToken cancellationToken = default) =>
        await SendAsync<JsonElement?>(HttpMethod.Delete, serviceUrl, ["v3", "conversations", conversationId, "activities", activityId], null, conversationId, cancellationToken);

    /// <summary>Starts a channel thread or opens a 1:1 chat (see <see cref="ConversationParameters"/>' factories).</summary>
    public Task<ConversationResourceResponse> CreateConversationAsync(string serviceUrl, ConversationParameters parameters, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var key = parameters.ChannelData?.Channel?.Id ?? (parameters.Members is [var first, ..] ? first.Id : null) ?? "create";
        return SendAsync<ConversationResourceResponse>(HttpMethod.Post, serviceUrl, ["v3", "conversations"], parameters, key, cancellationToken);
    }

    public Task<TeamsChannelAccount> GetMemberAsync(string serviceUrl, string conversationId, string memberId, CancellationToken cancellationToken = default) =>
        SendAsync<TeamsChannelAccount>(HttpMethod.Get, serviceUrl, ["v3", "conversations", conversationId, "members", memberId], null, null, cancellationToken);

    public Task<PagedMembersResult> GetPagedMembersAsync(string serviceUrl, string conversationId, int? pageSize = null, string? continuationToken = null, CancellationToken cancellationToken = default)
    {
        var query = new List<string>();
        if (pageSize is { } size)
        {
            query.Add("pageSize=" + size.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (!string.IsNullOrEmpty(continuationToken))
        {
            query.Add("continuationToken=" + Uri.EscapeDataString(continuationToken));
        }

        return SendAsync<PagedMembersResult>(HttpMethod.Get, serviceUrl, ["v3", "conversations", conversationId, "pagedmembers"], null, null, cancellationToken, string.Join('&', query));
    }

    /// <summary>Every member of a conversation or team, following continuation tokens.</summary>
    public async IAsyncEnumerable<TeamsChannelAccount> GetAllMembersAsync(string serviceUrl, string conversationId, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? token = null;
        do
        {
            var page = await GetPagedMembersAsync(serviceUrl, conversationId, 500, token, cancellationToken);
            foreach (var member in page.Members)
            {
                yield return member;
            }

            token = page.ContinuationToken;
        }
        while (!string.IsNullOrEmpty(token));
    }

    public Task<TeamDetails> GetTeamDetailsAsync(string serviceUrl, string teamId, CancellationToken cancellationToken = default) =>
        SendAsync<TeamDetails>(HttpMethod.Get, serviceUrl, ["v3", "teams", teamId], null, null, cancellationToken);

    public async Task<IReadOnlyList<ChannelInfo>> GetTeamChannelsAsync(string serviceUrl, string teamId, CancellationToken cancellationToken = default) =>
        (await SendAsync<ConversationList>(HttpMethod.Get, serviceUrl, ["v3", "teams", teamId, "conversations"], null, null, cancellationToken)).Conversations;

    /// <summary>Builds <c>{serviceUrl}/seg/seg…</c> with every segment escaped (ids contain <c>: ; @ =</c>).</summary>
    internal static Uri BuildUri(string serviceUrl, IEnumerable<string> segments, string? query = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(serviceUrl);
        var path = string.Join('/', segments.Select(Uri.EscapeDataString));
        var uri = serviceUrl.TrimEnd('/') + "/" + path;
        return new Uri(string.IsNullOrEmpty(query) ? uri : uri + "?" + query, UriKind.Absolute);
    }

    private async Task<T> SendAsync<T>(HttpMethod method, string serviceUrl, string[] segments, object? body, string? conversationKey, CancellationToken cancellationToken, string? query = null)
    {
        using var request = new HttpRequestMessage(method, BuildUri(serviceUrl, segments, query));
        if (body is not null)
        {
            // Serialized once into a buffer, so a retry resends the same bytes, with a Content-Length.
            request.Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, body.GetType(), ActivityJson.Options))
            {
                Headers = { ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" } },
            };
        }

        if (conversationKey is not null)
        {
            request.Options.Set(ConversationKey, conversationKey);
        }

        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw await ToExceptionAsync(response, cancellationToken);
        }

        if (response.Content.Headers.ContentLength == 0 || response.StatusCode == HttpStatusCode.NoContent)
        {
            return default!;
        }

        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return string.IsNullOrWhiteSpace(text) ? default! : JsonSerializer.Deserialize<T>(text, ActivityJson.Options)!;
    }

    private static async Task<ConnectorException> ToExceptionAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        string? code = null;
        string? message = null;
        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("error", out var error))
            {
                code = error.TryGetProperty("code", out var c) ? c.GetString() : null;
                message = error.TryGetProperty("message", out var m) ? m.GetString() : null;
            }
        }
        catch (JsonException)
        {
            // Not every failure has a JSON body (gateways answer with HTML); the status code is enough.
        }

        return new ConnectorException(
            response.StatusCode,
            code,
            $"Connector call {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.AbsolutePath} failed with {(int)response.StatusCode} {code}: {message}".TrimEnd(' ', ':'));
    }
}

/// <summary>The Connector's answer to a send: the id of the created activity.</summary>
public sealed record ResourceResponse
{
    public string? Id { get; init; }
}

/// <summary>
/// The answer to create-conversation. For a new channel thread <see cref="Id"/> is
/// <c>{channel};messageid={ActivityId}</c>.
/// </summary>
public sealed record ConversationResourceResponse
{
    public string? Id { get; init; }

    public string? ActivityId { get; init; }

    public string? ServiceUrl { get; init; }
}

/// <summary>The body of <c>GET /v3/teams/{id}/conversations</c>. General has a null name and the team's id.</summary>
public sealed record ConversationList
{
    public IReadOnlyList<ChannelInfo> Conversations { get; init; } = [];
}

/// <summary>One page of members; <see cref="ContinuationToken"/> is absent on the last page.</summary>
public sealed record PagedMembersResult
{
    public string? ContinuationToken { get; init; }

    public IReadOnlyList<TeamsChannelAccount> Members { get; init; } = [];
}

public sealed record TeamDetails
{
    public string? Id { get; init; }

    public string? Name { get; init; }

    public string? AadGroupId { get; init; }

    public int? ChannelCount { get; init; }

    public int? MemberCount { get; init; }

    public string? Type { get; init; }
}

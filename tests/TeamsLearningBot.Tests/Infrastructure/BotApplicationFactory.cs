using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TeamsLearningBot.Protocol.Activities;

namespace TeamsLearningBot.Tests.Infrastructure;

/// <summary>
/// The real app in memory, on real Azurite under a table prefix of its own, in Development with
/// no app id (so activities need no token). Extra settings and services can be layered on.
/// </summary>
public sealed class BotApplicationFactory(AzuriteFixture azurite) : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> settings = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<Action<IServiceCollection>> serviceOverrides = [];

    // The factory starts the app on its first client and is not safe to start from many threads:
    // a burst of first posts would start (and leak) an app each.
    private readonly Lock clientGate = new();

    public string TablePrefix { get; } = AzuriteFixture.UniquePrefix();

    public AzuriteFixture Azurite => azurite;

    public BotApplicationFactory WithSetting(string key, string? value)
    {
        settings[key] = value;
        return this;
    }

    public BotApplicationFactory WithTime(TimeProvider time)
    {
        serviceOverrides.Add(services => services.Replace(ServiceDescriptor.Singleton(time)));
        return this;
    }

    public BotApplicationFactory WithServices(Action<IServiceCollection> configure)
    {
        serviceOverrides.Add(configure);
        return this;
    }

    /// <summary>
    /// Posts an activity to <c>/api/messages</c> as Teams would and fails the test unless the bot
    /// answered with success, so a handler that throws (500) never passes a test by accident.
    /// </summary>
    public Task<HttpResponseMessage> PostActivityAsync(object activity, CancellationToken cancellationToken = default) =>
        PostActivityAsync(activity, bearerToken: null, cancellationToken);

    /// <summary>As <see cref="PostActivityAsync(object, CancellationToken)"/>, with <c>Authorization: Bearer {bearerToken}</c> (see <see cref="ChannelTokens"/>).</summary>
    public async Task<HttpResponseMessage> PostActivityAsync(object activity, string? bearerToken, CancellationToken cancellationToken = default)
    {
        var response = await PostActivityAnyStatusAsync(activity, bearerToken, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            Assert.Fail($"POST /api/messages answered {(int)response.StatusCode} {response.StatusCode}: {body}");
        }

        return response;
    }

    /// <summary>Posts an activity and returns whatever the bot answered, for tests of refusals and failures.</summary>
    public Task<HttpResponseMessage> PostActivityAnyStatusAsync(object activity, CancellationToken cancellationToken = default) =>
        PostActivityAnyStatusAsync(activity, bearerToken: null, cancellationToken);

    /// <summary>As <see cref="PostActivityAnyStatusAsync(object, CancellationToken)"/>, with <c>Authorization: Bearer {bearerToken}</c>.</summary>
    public async Task<HttpResponseMessage> PostActivityAnyStatusAsync(object activity, string? bearerToken, CancellationToken cancellationToken = default)
    {
        HttpClient client;
        lock (clientGate)
        {
            client = CreateClient();
        }

        if (bearerToken is not null)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", bearerToken);
        }

        var body = activity switch
        {
            string json => new StringContent(json, System.Text.Encoding.UTF8, "application/json"),
            JsonNode node => new StringContent(node.ToJsonString(), System.Text.Encoding.UTF8, "application/json"),
            _ => (HttpContent)JsonContent.Create(activity, activity.GetType(), options: ActivityJson.Options),
        };
        return await client.PostAsync(new Uri("/api/messages", UriKind.Relative), body, cancellationToken);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Storage:ConnectionString", azurite.ConnectionString);
        builder.UseSetting("Storage:TablePrefix", TablePrefix);
        builder.UseSetting("MicrosoftAppId", string.Empty);
        // Teams waits 15 s; under a loaded test machine a turn may take longer than the 10 s default, which would answer 202 and finish after the test looked.
        builder.UseSetting("AcknowledgeAfter", "00:00:14.900");
        // Azurite on a loaded test machine can take seconds; the outage tests set the production timeout back.
        builder.UseSetting("Storage:NetworkTimeout", "00:00:20");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services =>
        {
            foreach (var configure in serviceOverrides)
            {
                configure(services);
            }
        });
    }
}

using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using TeamsLearningBot.Protocol.Authentication;

namespace TeamsLearningBot.Tests.Infrastructure;

/// <summary>
/// Signs requests as the Bot Framework channel does for Teams: a loopback OpenID metadata and JWKS
/// endpoint publishing one RSA key endorsed for <c>msteams</c>, and tokens with the bot's app id as
/// audience and the activity's service URL as the <c>serviceurl</c> claim. A host configured with
/// <see cref="Apply"/> authenticates every request for real.
/// </summary>
public sealed class ChannelTokens : IAsyncDisposable
{
    public const string AppId = "0a6c2f3e-7a51-4d2b-9e0c-5b1f3a7d9c11";
    private const string KeyId = "channel-key";

    private readonly RSA rsa = RSA.Create(2048);
    private readonly JsonWebTokenHandler handler = new();
    private WebApplication? server;

    public string MetadataUrl { get; private set; } = "";

    public static async Task<ChannelTokens> StartAsync()
    {
        var tokens = new ChannelTokens();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapGet("/v1/.well-known/openidconfiguration", (HttpContext http) => Results.Json(new
        {
            issuer = BotOptions.BotFrameworkTokenIssuer,
            jwks_uri = $"{http.Request.Scheme}://{http.Request.Host}/keys",
            id_token_signing_alg_values_supported = new[] { "RS256" },
        }));
        app.MapGet("/keys", () =>
        {
            var parameters = tokens.rsa.ExportParameters(includePrivateParameters: false);
            return Results.Json(new
            {
                keys = new[]
                {
                    new Dictionary<string, object>
                    {
                        ["kty"] = "RSA",
                        ["use"] = "sig",
                        ["kid"] = KeyId,
                        ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
                        ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
                        ["endorsements"] = new[] { "msteams" },
                    },
                },
            });
        });
        await app.StartAsync();
        tokens.server = app;
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        tokens.MetadataUrl = address + "/v1/.well-known/openidconfiguration";
        return tokens;
    }

    /// <summary>A channel token for a request whose activity carries <paramref name="serviceUrl"/>.</summary>
    public string Create(string? serviceUrl)
    {
        var claims = new Dictionary<string, object>();
        if (!string.IsNullOrEmpty(serviceUrl))
        {
            claims[BotAuthenticator.ServiceUrlClaim] = serviceUrl;
        }

        var now = DateTime.UtcNow;
        return handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = BotOptions.BotFrameworkTokenIssuer,
            Audience = AppId,
            NotBefore = now.AddMinutes(-5),
            IssuedAt = now.AddMinutes(-5),
            Expires = now.AddHours(1),
            Claims = claims,
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(rsa) { KeyId = KeyId }, SecurityAlgorithms.RsaSha256),
        });
    }

    /// <summary>
    /// Turns authentication on in <paramref name="app"/> against this key. The bot's own outbound
    /// token (from Entra ID in production) is a fixed string: the fake Connector does not check it.
    /// </summary>
    public BotApplicationFactory Apply(BotApplicationFactory app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app
            .WithSetting("MicrosoftAppId", AppId)
            .WithSetting("MicrosoftAppPassword", "not-used")
            .WithSetting("ToBotFromChannelOpenIdMetadataUrl", MetadataUrl)
            .WithServices(services => services.Replace(ServiceDescriptor.Singleton<IBotTokenProvider>(new FixedBotToken())));
    }

    public async ValueTask DisposeAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
        }

        rsa.Dispose();
    }

    private sealed class FixedBotToken : IBotTokenProvider
    {
        public Task<string?> GetTokenAsync(bool forceRefresh = false, CancellationToken cancellationToken = default) =>
            Task.FromResult<string?>("outbound-test-token");
    }
}

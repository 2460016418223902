using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using TeamsLearningBot.Privacy;

namespace TeamsLearningBot.Tab;

/// <summary>
/// Validates the Entra ID v2 access token Teams SSO gives the tab: signed by Entra's keys, issuer
/// <c>https://login.microsoftonline.com/{tid}/v2.0</c> of the token's own tenant, one of the
/// tab's audiences, <c>scp</c> with <see cref="TabOptions.Scope"/>, the tenant allowed, and an
/// <c>oid</c>. Anything else (v1 tokens included) is refused.
/// </summary>
public sealed partial class TabTokenValidator
{
    public const string HttpClientName = "TeamsLearningBot.TabMetadata";

    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    private readonly TabOptions options;
    private readonly IOptionsMonitor<TenantOptions> tenants;
    private readonly TimeProvider time;
    private readonly ILogger<TabTokenValidator> logger;
    private readonly ConfigurationManager<OpenIdConnectConfiguration> metadata;
    private readonly JsonWebTokenHandler handler = new();

    public TabTokenValidator(IOptions<TabOptions> options, IOptionsMonitor<TenantOptions> tenants, IHttpClientFactory httpClientFactory, TimeProvider time, ILogger<TabTokenValidator> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(httpClientFactory);
        this.options = options.Value;
        this.tenants = tenants;
        this.time = time;
        this.logger = logger;
        var address = this.options.OpenIdMetadataUrl;
        var loopbackHttp = Uri.TryCreate(address, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback;
        metadata = new ConfigurationManager<OpenIdConnectConfiguration>(
            address,
            new OpenIdConnectConfigurationRetriever(),
            new HttpDocumentRetriever(httpClientFactory.CreateClient(HttpClientName)) { RequireHttps = !loopbackHttp });
    }

    /// <summary>The user of a valid token, or null (the reason is logged, never the token).</summary>
    public async Task<TabUser?> ValidateAsync(string? token, CancellationToken cancellationToken)
    {
        var audiences = options.Audiences;
        if (string.IsNullOrWhiteSpace(token) || audiences.Count == 0 || !handler.CanReadToken(token))
        {
            LogRefused(logger, "missing or unreadable token, or no client id configured");
            return null;
        }

        var unverified = handler.ReadJsonWebToken(token);
        var tid = Claim(unverified, "tid");
        if (tid is null || !string.Equals(Claim(unverified, "ver"), "2.0", StringComparison.Ordinal))
        {
            LogRefused(logger, "not an Entra ID v2 token");
            return null;
        }

        var allowed = tenants.CurrentValue.Allowed;
        if (allowed.Count > 0 && !allowed.Contains(tid))
        {
            LogRefused(logger, "tenant not allowed");
            return null;
        }

        var configuration = await metadata.GetConfigurationAsync(cancellationToken);
        var parameters = new TokenValidationParameters
        {
            ValidIssuer = $"https://login.microsoftonline.com/{tid}/v2.0",
            ValidAudiences = audiences,
            IssuerSigningKeys = configuration.SigningKeys,
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            ClockSkew = ClockSkew,
            LifetimeValidator = Lifetime,
        };
        var result = await handler.ValidateTokenAsync(token, parameters);
        if (!result.IsValid)
        {
            LogRefused(logger, "signature, issuer, audience or lifetime");
            return null;
        }

        var identity = result.ClaimsIdentity;
        var scopes = identity.FindFirst("scp")?.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [];
        var oid = identity.FindFirst("oid")?.Value;
        if (!scopes.Contains(TabOptions.Scope, StringComparer.Ordinal) || string.IsNullOrEmpty(oid))
        {
            LogRefused(logger, "no access_as_user scope or no oid");
            return null;
        }

        return new TabUser(tid, oid, identity.FindFirst("name")?.Value);
    }

    private bool Lifetime(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return expires is { } exp && now <= exp + ClockSkew && (notBefore is not { } nbf || now >= nbf - ClockSkew);
    }

    private static string? Claim(JsonWebToken token, string type) =>
        token.TryGetPayloadValue<string>(type, out var value) && !string.IsNullOrEmpty(value) ? value : null;

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused a tab token: {Reason}")]
    private static partial void LogRefused(ILogger logger, string reason);
}

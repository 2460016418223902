namespace TeamsLearningBot.Protocol.Authentication;

/// <summary>
/// The bot's identity and the endpoints it trusts, bound from the configuration root with the
/// keys Bot Framework deployments already use (<c>MicrosoftAppId</c>, …).
/// </summary>
public sealed class BotOptions
{
    public const string BotFrameworkOpenIdMetadataUrl = "https://login.botframework.com/v1/.well-known/openidconfiguration";
    public const string BotFrameworkTokenIssuer = "https://api.botframework.com";
    public const string BotFrameworkOAuthScope = "https://api.botframework.com";
    public const string LoginBaseUrl = "https://login.microsoftonline.com";
    public const string MultiTenantLoginTenant = "botframework.com";

    public BotAppType MicrosoftAppType { get; set; } = BotAppType.MultiTenant;

    /// <summary>Empty means authentication is off, which is allowed only in Development (see <see cref="AllowUnauthenticatedRequests"/>).</summary>
    public string? MicrosoftAppId { get; set; }

    public string? MicrosoftAppPassword { get; set; }

    public string? MicrosoftAppTenantId { get; set; }

    public string ToBotFromChannelOpenIdMetadataUrl { get; set; } = BotFrameworkOpenIdMetadataUrl;

    public string ToBotFromChannelTokenIssuer { get; set; } = BotFrameworkTokenIssuer;

    /// <summary>
    /// Where the signing keys of Entra ID tokens are looked up, as
    /// <c>{EntraMetadataBaseUrl}/{tenant}/v2.0/.well-known/openid-configuration</c>. The accepted
    /// issuers stay the public Entra ones whatever this points to.
    /// </summary>
    public string EntraMetadataBaseUrl { get; set; } = LoginBaseUrl;

    /// <summary>The authority including the tenant; defaults from <see cref="MicrosoftAppType"/> and the tenant id.</summary>
    public string? ToChannelFromBotLoginUrl { get; set; }

    public string ToChannelFromBotOAuthScope { get; set; } = BotFrameworkOAuthScope;

    /// <summary>
    /// Accept requests without a token when <see cref="MicrosoftAppId"/> is empty outside
    /// Development. Meant for a locked-down test rig only; it is logged as a warning at start.
    /// </summary>
    public bool AllowUnauthenticatedRequests { get; set; }

    /// <summary>Requests larger than this are refused with 413. Teams messages are at most ~40 KB.</summary>
    public long MaxRequestBodyBytes { get; set; } = 256 * 1024;

    /// <summary>
    /// How long a request waits for its turn (anything but an invoke) before it is answered 202
    /// and the turn finishes in the background. Teams stops waiting after 15 s and delivers the
    /// activity again, so this must be shorter.
    /// </summary>
    public TimeSpan AcknowledgeAfter { get; set; } = TimeSpan.FromSeconds(10);

    public bool IsAuthenticationConfigured => !string.IsNullOrWhiteSpace(MicrosoftAppId);

    /// <summary>The authority outbound tokens are requested from.</summary>
    public string EffectiveLoginUrl =>
        !string.IsNullOrWhiteSpace(ToChannelFromBotLoginUrl)
            ? ToChannelFromBotLoginUrl.TrimEnd('/')
            : MicrosoftAppType == BotAppType.MultiTenant || string.IsNullOrWhiteSpace(MicrosoftAppTenantId)
                ? $"{LoginBaseUrl}/{MultiTenantLoginTenant}"
                : $"{LoginBaseUrl}/{MicrosoftAppTenantId}";
}

/// <summary>How the bot's Microsoft App ID is registered (the <c>MicrosoftAppType</c> setting).</summary>
public enum BotAppType
{
    MultiTenant,
    SingleTenant,
    UserAssignedMsi,
}

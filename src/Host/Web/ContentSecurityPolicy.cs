namespace Pathway.Host.Web;

/// <summary>
/// The Content-Security-Policy of the web app: scripts and styles from the host only (Vite emits no inline
/// script), data from the host's API and, when sign-in goes through an OpenID Connect provider, from that
/// provider (the browser fetches its discovery document and trades the code for tokens there).
/// </summary>
public static class ContentSecurityPolicy
{
    /// <summary>The provider's issuer, as sign-in reads it (src/Host/Access: <c>SignInSettings</c>, which checks it).</summary>
    private const string AuthoritySetting = "Pathway:Authentication:Authority";

    public static string For(IConfiguration configuration) =>
        For(Uri.TryCreate(configuration[AuthoritySetting], UriKind.Absolute, out var authority) ? authority : null);

    public static string For(Uri? oidcAuthority)
    {
        var provider = oidcAuthority is null ? "" : " " + oidcAuthority.GetLeftPart(UriPartial.Authority);
        return string.Join("; ",
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data: blob:",
            "font-src 'self'",
            $"connect-src 'self'{provider}",
            $"form-action 'self'{provider}",
            "frame-ancestors 'none'",
            "base-uri 'self'",
            "object-src 'none'");
    }
}

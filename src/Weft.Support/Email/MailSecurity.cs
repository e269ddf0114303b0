using MailKit.Security;

namespace Weft.Support.Email;

/// <summary>How a connection to a mail server is secured: <c>auto</c>, <c>none</c>, <c>starttls</c> or <c>ssl</c>.</summary>
internal static class MailSecurity
{
    public const string Auto = "auto";
    public const string None = "none";
    public const string StartTls = "starttls";
    public const string Ssl = "ssl";

    public static readonly IReadOnlyList<string> All = [Auto, None, StartTls, Ssl];

    public static SecureSocketOptions Options(string security) => security switch
    {
        None => SecureSocketOptions.None,
        StartTls => SecureSocketOptions.StartTls,
        Ssl => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.Auto,
    };
}

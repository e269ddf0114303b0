using System.Globalization;

namespace Weft.Production.Certificates;

// Certificates speak UTC only. An unspecified kind is taken as UTC because that is how the database hands times back.
internal static class CertificateTime
{
    public static DateTime ToUtc(DateTime time) => time.Kind switch
    {
        DateTimeKind.Utc => time,
        DateTimeKind.Local => time.ToUniversalTime(),
        _ => DateTime.SpecifyKind(time, DateTimeKind.Utc),
    };

    public static string Format(DateTime? time) =>
        time is { } t ? ToUtc(t).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "–";
}

using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Weft.Production.Certificates;

// A short code printed on a certificate: an HMAC of the certificate's identity, so only the key holder can issue
// or check one, and a person can type it back (Crockford base32, no I/L/O/U, case and dashes ignored).
internal static class VerificationCode
{
    public const int MinimumKeyBytes = 16;
    private const int Symbols = 12;
    private const int GroupSize = 4;
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private const string Purpose = "weft.piece-certificate.v1";

    public static string Compute(byte[] key, PieceStory story)
    {
        ArgumentNullException.ThrowIfNull(story);
        return Compute(key, story.Tenant, story.OrderNumber, story.Serial, story.Generation, story.CompletedAt);
    }

    public static string Compute(byte[] key, string tenant, string orderNumber, string serial, int generation, DateTime? completedAt)
    {
        var symbols = Symbolize(key, tenant, orderNumber, serial, generation, completedAt);
        var grouped = new StringBuilder(Symbols + Symbols / GroupSize);
        for (var i = 0; i < symbols.Length; i++)
        {
            if (i > 0 && i % GroupSize == 0) grouped.Append('-');
            grouped.Append((char)symbols[i]);
        }
        return grouped.ToString();
    }

    public static bool Verify(byte[] key, string tenant, string orderNumber, string serial, int generation, DateTime? completedAt, string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        var expected = Symbolize(key, tenant, orderNumber, serial, generation, completedAt);
        return CryptographicOperations.FixedTimeEquals(expected, Normalize(code));
    }

    private static byte[] Symbolize(byte[] key, string tenant, string orderNumber, string serial, int generation, DateTime? completedAt)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length < MinimumKeyBytes)
            throw new ArgumentException($"A verification key has at least {MinimumKeyBytes} bytes.", nameof(key));
        ArgumentNullException.ThrowIfNull(tenant);
        ArgumentNullException.ThrowIfNull(orderNumber);
        ArgumentNullException.ThrowIfNull(serial);

        var mac = HMACSHA256.HashData(key, Identity(tenant, orderNumber, serial, generation, completedAt));

        // 12 symbols of 5 bits = the first 60 bits of the MAC, read big-endian.
        var bits = BinaryPrimitives.ReadUInt64BigEndian(mac);
        var symbols = new byte[Symbols];
        for (var i = 0; i < Symbols; i++)
            symbols[i] = (byte)Alphabet[(int)(bits >> (64 - 5 * (i + 1))) & 31];
        return symbols;
    }

    private static byte[] Identity(string tenant, string orderNumber, string serial, int generation, DateTime? completedAt)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            // Length-prefixed strings keep ("ab", "c") and ("a", "bc") apart.
            writer.Write(Purpose);
            writer.Write(tenant);
            writer.Write(orderNumber);
            writer.Write(serial);
            writer.Write(generation);
            // Whole seconds: the stored completion time may come back with less precision than it was written with.
            writer.Write(completedAt is { } at ? CertificateTime.ToUtc(at).Ticks / TimeSpan.TicksPerSecond : -1L);
        }
        return buffer.ToArray();
    }

    private static byte[] Normalize(string code)
    {
        var symbols = new List<byte>(Symbols);
        foreach (var c in code)
        {
            if (c is '-' or ' ') continue;
            var upper = char.ToUpperInvariant(c) switch
            {
                'O' => '0',
                'I' or 'L' => '1',
                var other => other,
            };
            symbols.Add(upper < 128 ? (byte)upper : (byte)'?');
        }
        return [.. symbols];
    }
}

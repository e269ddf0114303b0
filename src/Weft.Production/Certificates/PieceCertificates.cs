using System.Globalization;
using System.Text.RegularExpressions;
using Weft.Platform.Errors;
using Weft.Production.Persistence;

namespace Weft.Production.Certificates;

/// <summary>
/// Prints a finished piece's certificate, and checks a certificate someone shows: the code is the tenant's HMAC of the
/// piece's identity (tenant, order, serial, generation, completion), so a changed or invented certificate does not verify.
/// </summary>
internal sealed partial class PieceCertificates(PieceStoryReader stories, CertificateKeys keys)
{
    public async Task<(byte[] Pdf, string FileName)> RenderAsync(long tenant, string kind, long orderId, int unit, CancellationToken ct = default)
    {
        var story = await stories.StoryAsync(tenant, kind, orderId, unit, ct);
        var code = Code(await keys.ForAsync(tenant, ct), tenant, story);
        return (PieceCertificate.Render(story, code), $"certificate-{story.Serial}.pdf");
    }

    public async Task<CertificateCheckDto> VerifyAsync(long tenant, VerifyCertificateRequest request, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        var serial = request.Serial is { } s ? SerialPattern().Match(s.Trim().ToUpperInvariant()) : null;
        if (serial is not { Success: true }) errors["serial"] = ["'serial' is a piece serial as printed on its certificate, e.g. MO-00012-003."];
        if (string.IsNullOrWhiteSpace(request.Code) || request.Code.Length > 40) errors["code"] = ["'code' is the verification code printed on the certificate."];
        errors.ThrowIfAny();
        var kind = serial!.Groups["prefix"].Value == "MO-" ? OrderKinds.Oem : OrderKinds.Craft;
        var orderId = long.Parse(serial.Groups["order"].Value, CultureInfo.InvariantCulture);
        var unit = int.Parse(serial.Groups["unit"].Value, CultureInfo.InvariantCulture);
        PieceStory story;
        try
        {
            story = await stories.StoryAsync(tenant, kind, orderId, unit, ct);
        }
        catch (WeftException e) when (e.Kind is ErrorKind.NotFound or ErrorKind.Conflict)
        {
            // No finished piece by that serial: nothing can verify, and the answer does not say more.
            return new CertificateCheckDto(false, null, null, null, null, null);
        }
        var key = await keys.ForAsync(tenant, ct);
        var valid = VerificationCode.Verify(key, TenantPart(tenant), story.OrderNumber, story.Serial, story.Generation, story.CompletedAt, request.Code!);
        return valid
            ? new CertificateCheckDto(true, story.Serial, story.OrderNumber, story.ProductName, story.Generation, story.CompletedAt)
            : new CertificateCheckDto(false, null, null, null, null, null);
    }

    private static string Code(byte[] key, long tenant, PieceStory story) =>
        VerificationCode.Compute(key, TenantPart(tenant), story.OrderNumber, story.Serial, story.Generation, story.CompletedAt);

    // The tenant's id, not its name: renaming the atelier does not void its certificates.
    private static string TenantPart(long tenant) => tenant.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^(?<prefix>MO-|AJ-)(?<order>\d{1,18})-(?<unit>\d{1,5})$", RegexOptions.CultureInvariant)]
    private static partial Regex SerialPattern();
}

using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Weft.Market.Onboarding;
using Weft.Market.Suppliers;
using Weft.Market.Visibility;

namespace Weft.Market.Demo;

/// <summary>
/// The demo's supplier directory: every demo supplier's profile, products, certificates and documents
/// (<see cref="DemoSuppliers"/>), and an application in the verification queue for each one without the badge.
/// </summary>
internal sealed class DirectoryDemo(MarketDb data, SupplierProfiles profiles, SupplierDocuments documents, Applications applications)
{
    public async Task SeedAsync(long tenant, IReadOnlyDictionary<string, long> ids, CancellationToken ct)
    {
        await using (var db = await data.OpenAsync(tenant, MarketViewer.System, ct))
            if (await db.SupplierProducts.AnyAsync(ct)) return;
        var now = data.Now;
        var index = 0;
        foreach (var org in DemoOrganizations.Suppliers)
        {
            var id = ids[org.Key];
            var profile = DemoSuppliers.For(org, index++);
            await profiles.UpdateAsync(tenant, MarketViewer.System, id, new SupplierProfileRequest(profile.Headline, [.. profile.Ports], [.. profile.Incoterms],
                profile.Products.Sum(p => p.Capacity), profile.LeadTimeDays, profile.MinOrderTonnes, null), ct);
            foreach (var p in profile.Products)
                await profiles.AddProductAsync(tenant, MarketViewer.System, id, new ProductRequest(p.Material, p.Grade, p.Purity, p.D50, p.Moisture,
                    p.Impurities.ToDictionary(i => i.Key, i => (decimal?)i.Value), p.Capacity), ct);
            await documents.UploadAsync(tenant, MarketViewer.System, "demo", id, "company-registration.pdf", DocumentTypes.Registration, false,
                Pdf($"{org.Name}: certificate of incorporation"), ct);
            await documents.UploadAsync(tenant, MarketViewer.System, "demo", id, "specifications.pdf", DocumentTypes.Specification, true,
                Pdf($"{org.Name}: product specifications"), ct);
            // Earliest expiry first: the certificate watch then starts once per supplier.
            foreach (var c in profile.Certificates.OrderBy(c => c.ExpiresInDays))
            {
                var scan = await documents.UploadAsync(tenant, MarketViewer.System, "demo", id, $"{c.Kind}.pdf", DocumentTypes.Certificate, false,
                    Pdf($"{org.Name}: {CertificationKinds.NameOf(c.Kind)}"), ct);
                await profiles.AddCertificationAsync(tenant, MarketViewer.System, id, new CertificationRequest(c.Kind,
                    $"{c.Kind.ToUpperInvariant()}-{id.ToString(CultureInfo.InvariantCulture)}-{now.Year.ToString(CultureInfo.InvariantCulture)}", c.Issuer,
                    now.AddDays(-c.IssuedDaysAgo).Date, now.AddDays(c.ExpiresInDays).Date, scan.Id), ct);
            }
            if (!org.Verified)
                await applications.ApplyAsync(tenant, MarketViewer.System, "demo", new ApplicationRequest(id,
                    $"{org.Name} applies for verification: registration and certificates are on our profile."), ct);
        }
    }

    /// <summary>A one-page PDF saying <paramref name="text"/>: enough for a demo's document to open.</summary>
    private static byte[] Pdf(string text)
    {
        var safe = new string([.. text.Where(c => c < 128 && c != '(' && c != ')' && c != '\\')]);
        var content = $"BT /F1 14 Tf 72 720 Td ({safe}) Tj ET";
        var objects = new[]
        {
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            $"<< /Length {content.Length.ToString(CultureInfo.InvariantCulture)} >>\nstream\n{content}\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        };
        var pdf = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(pdf.Length);
            pdf.Append(CultureInfo.InvariantCulture, $"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }
        var xref = pdf.Length;
        pdf.Append(CultureInfo.InvariantCulture, $"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets) pdf.Append(CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n");
        pdf.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.ASCII.GetBytes(pdf.ToString());
    }
}

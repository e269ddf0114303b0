using System.Globalization;
using PdfSharp.Pdf;
using Weft.Platform.Web.Documents;

namespace Weft.Production.Certificates;

// A piece's story printed as a PDF that goes with the piece: what it is, who made it and how, and a code to check it by.
internal static class PieceCertificate
{
    private const string Fail = "fail";

    private static readonly DocumentColumn[] StepColumns =
    [
        new("#", 18),
        new("Step", 95),
        new("Made by", 80),
        new("Started (UTC)", 82),
        new("Ended (UTC)", 82),
        new("Minutes", 40),
        new("QC result / note", 98),
    ];

    private static readonly DocumentColumn[] ReplacementColumns =
    [
        new("Replaced serial", 113),
        new("Generation", 60),
        new("Reason", 240),
        new("At (UTC)", 82),
    ];

    public static byte[] Render(PieceStory story, string verificationCode)
    {
        ArgumentNullException.ThrowIfNull(story);
        ArgumentException.ThrowIfNullOrWhiteSpace(verificationCode);

        using var document = new PdfDocument();
        document.Info.Title = $"Piece certificate {story.Serial}";
        document.Info.Author = story.Tenant;
        document.Info.Creator = "Weft";

        using (var writer = new DocumentWriter(document, PdfFonts.Family))
        {
            writer.Title("Piece certificate");
            writer.Field("Product:", $"{story.ProductName} ({story.Product})");
            writer.Field("Order:", story.OrderNumber);
            writer.Field("Serial:", $"{story.Serial} (generation {story.Generation.ToString(CultureInfo.InvariantCulture)})");
            writer.Field("Completed:", story.CompletedAt is null ? "not completed" : $"{CertificateTime.Format(story.CompletedAt)} UTC");
            writer.Field("Made by:", MakersOf(story) is { Count: > 0 } makers ? string.Join(", ", makers) : "–");

            writer.Heading("Steps");
            writer.Table(StepColumns, story.Steps.Select(StepRow));

            if (story.Replacements.Count > 0)
            {
                writer.Heading("Replacements");
                writer.Table(ReplacementColumns, story.Replacements.Select(ReplacementRow));
            }

            writer.Heading("Verification");
            writer.Field("Code:", verificationCode);
            writer.Paragraph(
                $"To verify this certificate, give its serial and this code to {story.Tenant}. The code is computed from the " +
                "tenant, order number, serial, generation and completion time with a key only the atelier holds, so it " +
                "does not match a certificate on which any of them was changed.");

            writer.Footer($"Piece certificate {story.Serial} · order {story.OrderNumber}");
        }

        using var output = new MemoryStream();
        document.Save(output);
        return output.ToArray();
    }

    // Distinct names in the order their first step was done.
    public static IReadOnlyList<string> MakersOf(PieceStory story) =>
        story.Steps
            .Select(s => s.AgentName?.Trim())
            .OfType<string>()
            .Where(name => name.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .ToList();

    private static DocumentRow StepRow(PieceStep step, int index)
    {
        var failed = string.Equals(step.Outcome, Fail, StringComparison.OrdinalIgnoreCase);
        var result = step.Outcome is null
            ? step.Note ?? ""
            : step.Note is null ? step.Outcome.ToUpperInvariant() : $"{step.Outcome.ToUpperInvariant()} – {step.Note}";
        return new DocumentRow(
        [
            (index + 1).ToString(CultureInfo.InvariantCulture),
            string.IsNullOrWhiteSpace(step.NodeName) ? step.Node : step.NodeName,
            step.AgentName ?? step.AgentKey ?? "–",
            CertificateTime.Format(step.StartedAt),
            CertificateTime.Format(step.EndedAt),
            step.WorkMinutes.ToString("0.#", CultureInfo.InvariantCulture),
            result,
        ], failed);
    }

    private static DocumentRow ReplacementRow(PieceReplacement replacement) => new(
    [
        replacement.ReplacedSerial,
        replacement.Generation.ToString(CultureInfo.InvariantCulture),
        replacement.Reason,
        CertificateTime.Format(replacement.At),
    ]);
}

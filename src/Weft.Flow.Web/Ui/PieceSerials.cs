using System.Globalization;

namespace Weft.Flow.Web.Ui;

/// <summary>A piece's serial as production prints it: its job's reference and its unit's number (<c>MO-00012-003</c>).</summary>
internal static class PieceSerials
{
    public static string Of(string job, int unit) => $"{job}-{unit.ToString("D3", CultureInfo.InvariantCulture)}";
}

using System.Globalization;
using System.Net;
using System.Text;

namespace Weft.Commerce.Warehouses.Labels;

/// <summary>A Code 128 symbol as SVG: one rectangle per bar, a quiet zone of ten modules each side, the text under it.</summary>
public static class BarcodeSvg
{
    public const int QuietZone = 10;

    /// <param name="moduleWidth">The width of one module in CSS pixels (0.33 mm prints at about 1.25 px).</param>
    public static string Of(string text, double moduleWidth = 2, double barHeight = 60)
    {
        var modules = Code128.Modules(Code128.Encode(text));
        var width = (modules.Count + 2 * QuietZone) * moduleWidth;
        var height = barHeight + 18;
        var svg = new StringBuilder();
        var label = WebUtility.HtmlEncode(text);
        svg.Append(CultureInfo.InvariantCulture,
            $"""<svg xmlns="http://www.w3.org/2000/svg" class="weft-barcode" role="img" aria-label="Code 128 barcode of {label}" width="{width:0.##}" height="{height:0.##}" viewBox="0 0 {width:0.##} {height:0.##}">""");
        svg.Append(CultureInfo.InvariantCulture, $"""<rect width="{width:0.##}" height="{height:0.##}" fill="#fff"/>""");
        for (var i = 0; i < modules.Count;)
        {
            if (!modules[i]) { i++; continue; }
            var start = i;
            while (i < modules.Count && modules[i]) i++;
            svg.Append(CultureInfo.InvariantCulture,
                $"""<rect x="{(QuietZone + start) * moduleWidth:0.##}" y="0" width="{(i - start) * moduleWidth:0.##}" height="{barHeight:0.##}" fill="#000"/>""");
        }
        svg.Append(CultureInfo.InvariantCulture,
            $"""<text x="{width / 2:0.##}" y="{barHeight + 14:0.##}" text-anchor="middle" font-family="monospace" font-size="13" fill="#000">{label}</text></svg>""");
        return svg.ToString();
    }
}

using System.Text.RegularExpressions;
using Weft.Commerce.Warehouses.Labels;

namespace Weft.Commerce.Tests.Warehouses;

/// <summary>A location's label carries its path in Code 128; the check symbol and the bars are those the standard gives.</summary>
public sealed partial class EncodingCode128
{
    [Fact]
    public void The_check_symbol_of_PJJ123C_in_code_set_A_is_54()
    {
        // Wikipedia, "Code 128", Check digit calculation: Start A (103) + P·1 + J·2 + J·3 + 1·4 + 2·5 + 3·6 + C·7 = 878, 878 mod 103 = 54.
        Code128.Checksum([Code128.StartA, 48, 42, 42, 17, 18, 19, 35]).ShouldBe(54);
    }

    [Fact]
    public void The_check_symbol_of_HI345678_switching_from_set_A_to_set_C_is_67()
    {
        // barcodeisland.com, "Code 128": START-A, H, I, CODE C, 34, 56, 78 → 103 + 40 + 82 + 297 + 136 + 280 + 468 = 1406, remainder 67.
        Code128.Checksum([Code128.StartA, 40, 41, Code128.CodeC, 34, 56, 78]).ShouldBe(67);
    }

    [Fact]
    public void Text_is_encoded_in_set_B_with_its_check_symbol_and_stop()
    {
        // barcoderesource.com, "Calculation of Code128 Check Character": "abcdef" in Code 128B → 1435 + 104 = 1539, 1539 % 103 = 97.
        Code128.Encode("abcdef").ShouldBe([Code128.StartB, 65, 66, 67, 68, 69, 70, 97, Code128.Stop]);
    }

    [Fact]
    public void Digits_alone_are_encoded_two_a_symbol_in_set_C()
    {
        // barcoderesource.com: "345678" in Code 128C → 34·1 + 56·2 + 78·3 = 380, + 105 = 485, 485 % 103 = 73.
        Code128.Encode("345678").ShouldBe([Code128.StartC, 34, 56, 78, 73, Code128.Stop]);
    }

    [Fact]
    public void A_path_switches_to_set_C_for_a_long_run_of_digits_and_back()
    {
        var values = Code128.Encode("main/A/123456/B");
        values.Take(8).ShouldBe([Code128.StartB, 'm' - 32, 'a' - 32, 'i' - 32, 'n' - 32, '/' - 32, 'A' - 32, '/' - 32]);
        values.Skip(8).Take(4).ShouldBe([Code128.CodeC, 12, 34, 56]);
        values.Skip(12).Take(3).ShouldBe([Code128.CodeB, '/' - 32, 'B' - 32]);
        values[^2].ShouldBe(Code128.Checksum([.. values.Take(values.Count - 2)]));
        // Short runs stay in set B: a switch would cost more than it saves.
        Code128.Encode("A-01-3").Take(7).ShouldBe([Code128.StartB, 33, 13, 16, 17, 13, 19]);
    }

    [Fact]
    public void Every_symbol_is_eleven_modules_whose_bars_are_an_even_number_of_modules()
    {
        Code128.Widths.Length.ShouldBe(107);
        Code128.Widths.Distinct().Count().ShouldBe(107);
        foreach (var w in Code128.Widths.Take(106))
        {
            w.Sum(c => c - '0').ShouldBe(11, w);
            (w[0] - '0' + w[2] - '0' + w[4] - '0').ShouldBe((w[0] - '0' + w[2] - '0' + w[4] - '0') / 2 * 2, w);
        }
        Code128.Widths[Code128.Stop].Sum(c => c - '0').ShouldBe(13);
    }

    [Fact]
    public void The_modules_of_start_B_and_stop_are_those_of_the_standard()
    {
        static string Bits(IEnumerable<bool> modules) => string.Concat(modules.Select(m => m ? '1' : '0'));
        Bits(Code128.Modules([Code128.StartB])).ShouldBe("11010010000");
        Bits(Code128.Modules([Code128.Stop])).ShouldBe("1100011101011");
        Bits(Code128.Modules([0])).ShouldBe("11011001100");
        // Text, check symbol and stop: 11 modules a symbol, 13 for the stop.
        Code128.Modules(Code128.Encode("abcdef")).Count.ShouldBe(8 * 11 + 13);
    }

    [Fact]
    public void The_svg_draws_each_bar_once_with_quiet_zones_and_names_the_text()
    {
        var svg = BarcodeSvg.Of("main/A/A-01", moduleWidth: 1);
        var modules = Code128.Modules(Code128.Encode("main/A/A-01"));
        var bars = Bar().Matches(svg).Select(m => (X: int.Parse(m.Groups[1].Value), W: int.Parse(m.Groups[2].Value))).ToList();
        bars.Sum(b => b.W).ShouldBe(modules.Count(m => m));
        bars[0].X.ShouldBe(BarcodeSvg.QuietZone);
        (bars[^1].X + bars[^1].W).ShouldBe(BarcodeSvg.QuietZone + modules.Count);
        svg.ShouldContain("aria-label=\"Code 128 barcode of main/A/A-01\"");
        svg.ShouldContain($"width=\"{modules.Count + 2 * BarcodeSvg.QuietZone}\"");
        Should.Throw<ArgumentException>(() => Code128.Encode("crème"));
    }

    [GeneratedRegex("<rect x=\"(\\d+)\" y=\"0\" width=\"(\\d+)\"")]
    private static partial Regex Bar();
}

namespace Weft.Commerce.Warehouses.Labels;

/// <summary>
/// Code 128 (ISO/IEC 15417) for the printable ASCII text of a location's path: code set B for text, code set C (two digits
/// a symbol) for runs of digits long enough to save room. A symbol is a start code, the data, a check symbol (the start
/// value plus each symbol's value times its position, modulo 103) and the stop code; each symbol is three bars and three
/// spaces 1-4 modules wide, eleven modules in all (the stop code has a seventh, final bar).
/// </summary>
public static class Code128
{
    public const int StartA = 103, StartB = 104, StartC = 105, Stop = 106, CodeB = 100, CodeC = 99;

    /// <summary>Bar and space widths of each symbol value, in modules (bar first).</summary>
    internal static readonly string[] Widths =
    [
        "212222", "222122", "222221", "121223", "121322", "131222", "122213", "122312", "132212", "221213",
        "221312", "231212", "112232", "122132", "122231", "113222", "123122", "123221", "223211", "221132",
        "221231", "213212", "223112", "312131", "311222", "321122", "321221", "312212", "322112", "322211",
        "212123", "212321", "232121", "111323", "131123", "131321", "112313", "132113", "132311", "211313",
        "231113", "231311", "112133", "112331", "132131", "113123", "113321", "133121", "313121", "211331",
        "231131", "213113", "213311", "213131", "311123", "311321", "331121", "312113", "312311", "332111",
        "314111", "221411", "431111", "111224", "111422", "121124", "121421", "141122", "141221", "112214",
        "112412", "122114", "122411", "142112", "142211", "241211", "221114", "413111", "241112", "134111",
        "111242", "121142", "121241", "114212", "124112", "124211", "411212", "421112", "421211", "212141",
        "214121", "412121", "111143", "111341", "131141", "114113", "114311", "411113", "411311", "113141",
        "114131", "311141", "411131", "211412", "211214", "211232", "2331112",
    ];

    /// <summary>Whether the text can be encoded: 1-80 printable ASCII characters (space to tilde).</summary>
    public static bool CanEncode(string? text) => text is { Length: > 0 and <= 80 } && text.All(c => c is >= ' ' and <= '~');

    /// <summary>The symbol values of the text: start code, data, check symbol and stop code.</summary>
    public static IReadOnlyList<int> Encode(string text)
    {
        if (!CanEncode(text)) throw new ArgumentException("Code 128 here encodes 1-80 printable ASCII characters.", nameof(text));
        var values = new List<int>();
        var set = 0;
        var i = 0;
        while (i < text.Length)
        {
            var digits = DigitsFrom(text, i);
            // Set C pays off for 4 or more digits at the start or the end, 6 or more in between (or the whole text being 2 or 4 digits).
            var useC = digits >= 2 && digits % 2 == 0 && digits == text.Length
                || digits >= 4 && (i == 0 || i + digits == text.Length)
                || digits >= 6;
            if (useC)
            {
                var pairs = digits / 2;
                // An odd run keeps its first digit in set B when it starts the text, its last otherwise.
                if (digits % 2 == 1 && i == 0 && text.Length > digits)
                {
                    values.Add(set == 0 ? StartB : CodeB);
                    set = 'B';
                    values.Add(text[i] - ' ');
                    i++;
                }
                values.Add(set == 0 ? StartC : CodeC);
                set = 'C';
                for (var p = 0; p < pairs; p++, i += 2) values.Add((text[i] - '0') * 10 + (text[i + 1] - '0'));
                continue;
            }
            if (set != 'B')
            {
                values.Add(set == 0 ? StartB : CodeB);
                set = 'B';
            }
            values.Add(text[i] - ' ');
            i++;
        }
        values.Add(Checksum(values));
        values.Add(Stop);
        return values;
    }

    /// <summary>The check symbol of a start code and the data after it: the start value, plus each value times its position, modulo 103.</summary>
    public static int Checksum(IReadOnlyList<int> startAndData)
    {
        var sum = startAndData[0];
        for (var position = 1; position < startAndData.Count; position++) sum += startAndData[position] * position;
        return sum % 103;
    }

    /// <summary>The symbol as modules, <c>true</c> for a bar: what a printer draws left to right, without the quiet zones.</summary>
    public static IReadOnlyList<bool> Modules(IReadOnlyList<int> values)
    {
        var modules = new List<bool>();
        foreach (var value in values)
        {
            var widths = Widths[value];
            for (var k = 0; k < widths.Length; k++)
                for (var m = 0; m < widths[k] - '0'; m++) modules.Add(k % 2 == 0);
        }
        return modules;
    }

    private static int DigitsFrom(string text, int start)
    {
        var end = start;
        while (end < text.Length && char.IsAsciiDigit(text[end])) end++;
        return end - start;
    }
}

namespace Weft.Commerce.Catalog;

/// <summary>GS1 barcodes (GTIN-8, -12, -13 and -14): digits only, with the check digit of the GS1 General Specifications (7.9.1).</summary>
public static class Gtin
{
    public static bool IsValid(string? code)
    {
        if (code is null || code.Length is not (8 or 12 or 13 or 14) || !code.All(char.IsAsciiDigit)) return false;
        return code[^1] - '0' == CheckDigit(code.AsSpan(0, code.Length - 1));
    }

    /// <summary>The check digit of the digits before it: weights 3 and 1 alternate from the right, and the digit brings the sum to a multiple of ten.</summary>
    public static int CheckDigit(ReadOnlySpan<char> digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var fromRight = digits.Length - i;
            sum += (digits[i] - '0') * (fromRight % 2 == 1 ? 3 : 1);
        }
        return (10 - sum % 10) % 10;
    }
}

namespace Weft.Commerce.Replenishment;

/// <summary>
/// Odoo's reordering rule: when the forecast falls to <see cref="Min"/>, order up to <see cref="Max"/>, the quantity
/// rounded up to a whole number of <see cref="Multiple"/> (0: no multiple).
/// </summary>
internal sealed record MinMaxRule
{
    public MinMaxRule(decimal min, decimal max, decimal multiple = 0)
    {
        Require.NonNegative(min, nameof(min), "The minimum");
        Require.NonNegative(multiple, nameof(multiple), "The multiple (0 for none)");
        if (max < min) throw new ArgumentOutOfRangeException(nameof(max), max, $"The maximum ({max}) must be at least the minimum ({min}).");
        Min = min;
        Max = max;
        Multiple = multiple;
    }

    public decimal Min { get; }

    public decimal Max { get; }

    public decimal Multiple { get; }
}

using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Weft.Commerce.Inbound;

/// <summary>One check an inspector makes: pass or fail, or a measurement that must fall within norm ± tolerance.</summary>
/// <param name="Kind"><c>pass_fail</c> or <c>measure</c>.</param>
public sealed record QcCheckDefinition(string? Name, string? Kind, decimal? Norm = null, decimal? Tolerance = null, string? Unit = null);

/// <summary>What an inspector found for one check: <paramref name="Passed"/> for pass/fail, <paramref name="Value"/> for a measurement.</summary>
public sealed record QcResultRequest(string? Check, bool? Passed = null, decimal? Value = null);

/// <summary>A check's result as recorded: what was found and whether it passed.</summary>
public sealed record QcResultDto(string Check, string Kind, bool Passed, decimal? Value, decimal? Norm, decimal? Tolerance, string? Unit, string Why);

/// <summary>
/// Quality control by product rule: which receipts are inspected (none, every nth receipt of the SKU, a random share of
/// receipts, or every unit), how many units, and whether an inspection's results pass.
/// </summary>
internal static class QualityControl
{
    public static readonly IReadOnlyList<string> Rules = ["none", "every_nth", "random_sample", "every_unit"];
    public static readonly IReadOnlyList<string> Kinds = ["pass_fail", "measure"];
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// How many of <paramref name="quantity"/> received units to inspect (0: none). <paramref name="ordinal"/> counts the
    /// SKU's receipts (1 for its first): every nth checks receipts 1, 1 + n, 1 + 2n…; a random sample draws from
    /// <paramref name="seed"/> (the notice and lot), so the same receipt always draws the same, whoever asks and when.
    /// </summary>
    public static decimal Sample(string rule, int every, double rate, int size, int ordinal, string seed, decimal quantity)
    {
        var inspected = rule switch
        {
            "every_unit" => true,
            "every_nth" => every > 0 && (ordinal - 1) % every == 0,
            "random_sample" => Draw(seed) < rate,
            _ => false,
        };
        if (!inspected || quantity <= 0) return 0;
        return rule == "every_unit" || size <= 0 ? quantity : Math.Min(size, quantity);
    }

    /// <summary>A number in [0, 1) from the seed's hash.</summary>
    internal static double Draw(string seed) =>
        BitConverter.ToUInt64(SHA256.HashData(Encoding.UTF8.GetBytes(seed)), 0) / (ulong.MaxValue + 1.0);

    /// <summary>Every check's result (a missing one fails: nothing is passed unchecked), and whether all passed.</summary>
    public static (bool Passed, IReadOnlyList<QcResultDto> Results) Evaluate(IReadOnlyList<QcCheckDefinition> checks, IReadOnlyList<QcResultRequest> results)
    {
        var list = new List<QcResultDto>();
        foreach (var check in checks)
        {
            var result = results.FirstOrDefault(r => string.Equals(r?.Check, check.Name, StringComparison.OrdinalIgnoreCase));
            if (check.Kind == "measure")
            {
                if (result?.Value is not { } value)
                {
                    list.Add(new(check.Name!, "measure", false, null, check.Norm, check.Tolerance, check.Unit, "not measured"));
                    continue;
                }
                var deviation = Math.Abs(value - check.Norm!.Value);
                var ok = deviation <= (check.Tolerance ?? 0);
                list.Add(new(check.Name!, "measure", ok, value, check.Norm, check.Tolerance, check.Unit,
                    $"{value:0.####} is {deviation:0.####} from {check.Norm:0.####}, {(ok ? "within" : "beyond")} the tolerance of {check.Tolerance ?? 0:0.####}"));
            }
            else
            {
                var ok = result?.Passed == true;
                list.Add(new(check.Name!, "pass_fail", ok, null, null, null, null, result?.Passed is null ? "not checked" : ok ? "passed" : "failed"));
            }
        }
        // A product with no checks listed is inspected by eye: the inspector's single verdict decides.
        if (checks.Count == 0)
        {
            var verdict = results.FirstOrDefault()?.Passed == true;
            list.Add(new("inspection", "pass_fail", verdict, null, null, null, null, verdict ? "passed" : "failed"));
        }
        return (list.All(r => r.Passed), list);
    }

    public static IReadOnlyList<QcCheckDefinition> ChecksOf(string json) => JsonSerializer.Deserialize<List<QcCheckDefinition>>(json, Json) ?? [];

    public static string ToJson<T>(T value) => JsonSerializer.Serialize(value, Json);
}

namespace Weft.Flow.Rules;

/// <summary>The operators of decision rules, and the field types they apply to.</summary>
public static class RuleOperators
{
    public const string Eq = "eq";
    public const string Ne = "ne";
    public const string Lt = "lt";
    public const string Lte = "lte";
    public const string Gt = "gt";
    public const string Gte = "gte";
    public const string In = "in";
    public const string Exists = "exists";

    public static readonly string[] All = [Eq, Ne, Lt, Lte, Gt, Gte, In, Exists];

    public static readonly string[] Ordering = [Lt, Lte, Gt, Gte];

    public static readonly string[] FieldTypes = ["string", "number", "boolean", "date"];
}

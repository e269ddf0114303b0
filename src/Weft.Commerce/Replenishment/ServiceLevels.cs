namespace Weft.Commerce.Replenishment;

/// <summary>
/// A cycle service level (the chance of not running out before a replenishment arrives) as the number z of standard
/// deviations of safety stock it takes, by the inverse of the standard normal distribution: Wichura's algorithm AS 241
/// (PPND16, Applied Statistics 37(3), 1988), accurate to about 1e-16.
/// </summary>
internal static class ServiceLevels
{
    public const double Lowest = 0.5;
    public const double Highest = 0.9999;

    /// <summary>z for a service level above 0.5 (no safety stock) and at most 0.9999 (beyond that the normal model says little).</summary>
    public static double Z(double serviceLevel)
    {
        if (!(serviceLevel > Lowest && serviceLevel <= Highest))
            throw new ArgumentOutOfRangeException(nameof(serviceLevel), serviceLevel,
                $"A service level is a probability above {Lowest} and at most {Highest}, e.g. 0.95 for 95%.");
        return InverseStandardNormal(serviceLevel);
    }

    /// <summary>The z with Φ(z) = p, for 0 &lt; p &lt; 1.</summary>
    public static double InverseStandardNormal(double p)
    {
        if (!(p > 0 && p < 1)) throw new ArgumentOutOfRangeException(nameof(p), p, "A probability strictly between 0 and 1.");
        var q = p - 0.5;
        if (Math.Abs(q) <= 0.425)
        {
            var r = 0.180625 - q * q;
            return q * Polynomial(r, CentralA) / Polynomial(r, CentralB);
        }

        var tail = Math.Sqrt(-Math.Log(q < 0 ? p : 1 - p));
        var z = tail <= 5
            ? Polynomial(tail - 1.6, IntermediateC) / Polynomial(tail - 1.6, IntermediateD)
            : Polynomial(tail - 5, FarC) / Polynomial(tail - 5, FarD);
        return q < 0 ? -z : z;
    }

    private static double Polynomial(double x, double[] coefficients)
    {
        var sum = 0.0;
        for (var i = coefficients.Length - 1; i >= 0; i--) sum = sum * x + coefficients[i];
        return sum;
    }

    // AS 241's coefficients, lowest power first; each denominator starts at 1.
    private static readonly double[] CentralA =
    [
        3.3871328727963666080e0, 1.3314166789178437745e2, 1.9715909503065514427e3, 1.3731693765509461125e4,
        4.5921953931549871457e4, 6.7265770927008700853e4, 3.3430575583588128105e4, 2.5090809287301226727e3,
    ];

    private static readonly double[] CentralB =
    [
        1.0, 4.2313330701600911252e1, 6.8718700749205790830e2, 5.3941960214247511077e3,
        2.1213794301586595867e4, 3.9307895800092710610e4, 2.8729085735721942674e4, 5.2264952788528545610e3,
    ];

    private static readonly double[] IntermediateC =
    [
        1.42343711074968357734e0, 4.63033784615654529590e0, 5.76949722146069140550e0, 3.64784832476320460504e0,
        1.27045825245236838258e0, 2.41780725177450611770e-1, 2.27238449892691845833e-2, 7.74545014278341407640e-4,
    ];

    private static readonly double[] IntermediateD =
    [
        1.0, 2.05319162663775882187e0, 1.67638483018380384940e0, 6.89767334985100004550e-1,
        1.48103976427480074590e-1, 1.51986665636164571966e-2, 5.47593808499534494600e-4, 1.05075007164441684324e-9,
    ];

    private static readonly double[] FarC =
    [
        6.65790464350110377720e0, 5.46378491116411436990e0, 1.78482653991729133580e0, 2.96560571828504891230e-1,
        2.65321895265761230930e-2, 1.24266094738807843860e-3, 2.71155556874348757815e-5, 2.01033439929228813265e-7,
    ];

    private static readonly double[] FarD =
    [
        1.0, 5.99832206555887937690e-1, 1.36929880922735805310e-1, 1.48753612908506148525e-2,
        7.86869131145613259100e-4, 1.84631831751005468180e-5, 1.42151175831644588870e-7, 2.04426310338993978564e-15,
    ];
}

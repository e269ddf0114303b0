using Weft.Production.Certificates;

namespace Weft.Production.Tests.Certificates;

public sealed class VerifyingCertificateCodes
{
    private static readonly byte[] Key = Convert.FromHexString("6b1f0e2d3c4a59687766554433221100ffeeddccbbaa99887766554433221100");
    private static readonly DateTime Completed = new(2026, 3, 4, 14, 5, 30, DateTimeKind.Utc);

    [Fact]
    public void A_code_verifies_for_the_identity_it_was_made_for()
    {
        var code = Code();

        Verify(code).ShouldBeTrue();
    }

    [Fact]
    public void A_code_has_three_groups_of_four_crockford_symbols()
    {
        Code().ShouldMatch("^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$");
    }

    [Fact]
    public void A_code_is_accepted_in_lower_case_and_without_dashes()
    {
        var code = Code();

        Verify(code.ToLowerInvariant()).ShouldBeTrue();
        Verify(code.Replace("-", "", StringComparison.Ordinal)).ShouldBeTrue();
        Verify(code.Replace("-", " ", StringComparison.Ordinal).ToLowerInvariant()).ShouldBeTrue();
    }

    [Fact]
    public void A_code_fails_for_another_serial()
    {
        var code = Code();

        VerificationCode.Verify(Key, "atelier-lumen", "MO-2026-0042", "TB-000918", 1, Completed, code).ShouldBeFalse();
    }

    [Fact]
    public void A_code_fails_for_another_tenant_order_generation_or_completion()
    {
        var code = Code();

        VerificationCode.Verify(Key, "atelier-other", "MO-2026-0042", "TB-000917", 1, Completed, code).ShouldBeFalse();
        VerificationCode.Verify(Key, "atelier-lumen", "MO-2026-0043", "TB-000917", 1, Completed, code).ShouldBeFalse();
        VerificationCode.Verify(Key, "atelier-lumen", "MO-2026-0042", "TB-000917", 2, Completed, code).ShouldBeFalse();
        VerificationCode.Verify(Key, "atelier-lumen", "MO-2026-0042", "TB-000917", 1, Completed.AddSeconds(1), code).ShouldBeFalse();
        VerificationCode.Verify(Key, "atelier-lumen", "MO-2026-0042", "TB-000917", 1, null, code).ShouldBeFalse();
    }

    [Fact]
    public void Moving_text_between_fields_changes_the_code()
    {
        var code = VerificationCode.Compute(Key, "atelier", "MO-1", "TB-1", 1, Completed);

        VerificationCode.Verify(Key, "atelie", "rMO-1", "TB-1", 1, Completed, code).ShouldBeFalse();
    }

    [Fact]
    public void A_code_fails_under_another_key()
    {
        var otherKey = (byte[])Key.Clone();
        otherKey[0] ^= 1;

        VerificationCode.Verify(otherKey, "atelier-lumen", "MO-2026-0042", "TB-000917", 1, Completed, Code()).ShouldBeFalse();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(11)]
    public void A_code_with_one_symbol_changed_fails(int position)
    {
        var symbols = Code().Replace("-", "", StringComparison.Ordinal).ToCharArray();
        symbols[position] = symbols[position] == '7' ? '8' : '7';

        Verify(new string(symbols)).ShouldBeFalse();
    }

    [Fact]
    public void A_code_with_a_symbol_missing_or_added_fails()
    {
        var code = Code();

        Verify(code[..^1]).ShouldBeFalse();
        Verify(code + "0").ShouldBeFalse();
        Verify("").ShouldBeFalse();
    }

    [Fact]
    public void Codes_are_stable_for_the_same_input()
    {
        Code().ShouldBe(Code());
        // Pinned so that a change to the algorithm, which would void every certificate already printed, shows up here.
        Code().ShouldBe(PinnedCode);
    }

    [Fact]
    public void A_completion_time_read_back_with_less_precision_still_verifies()
    {
        var precise = Completed.AddTicks(1_234_567);
        var code = VerificationCode.Compute(Key, "atelier-lumen", "MO-2026-0042", "TB-000917", 1, precise);

        var fromDatabase = DateTime.SpecifyKind(new DateTime(precise.Ticks - precise.Ticks % 10, DateTimeKind.Unspecified), DateTimeKind.Unspecified);

        VerificationCode.Verify(Key, "atelier-lumen", "MO-2026-0042", "TB-000917", 1, fromDatabase, code).ShouldBeTrue();
    }

    [Fact]
    public void A_key_shorter_than_16_bytes_is_refused()
    {
        Should.Throw<ArgumentException>(() => VerificationCode.Compute(new byte[15], "atelier-lumen", "MO-2026-0042", "TB-000917", 1, Completed));
    }

    private const string PinnedCode = "HH70-ZD2W-CM0Z";

    private static string Code() => VerificationCode.Compute(Key, "atelier-lumen", "MO-2026-0042", "TB-000917", 1, Completed);

    private static bool Verify(string code) => VerificationCode.Verify(Key, "atelier-lumen", "MO-2026-0042", "TB-000917", 1, Completed, code);
}

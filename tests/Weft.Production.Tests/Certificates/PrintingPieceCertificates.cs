using System.Text.RegularExpressions;
using Weft.Production.Certificates;
using static Weft.Production.Tests.Certificates.PieceStories;

namespace Weft.Production.Tests.Certificates;

public sealed class PrintingPieceCertificates
{
    private static readonly byte[] Key = "weft-test-certificate-key-32-byt"u8.ToArray();

    [Fact]
    public void The_certificate_names_every_person_who_made_the_piece_once_in_step_order()
    {
        var story = Bag(
            Step(0, "Cut panels", "Carla Dias"),
            Step(40, "Stitch body", "Ana Souza"),
            Step(90, "Edge paint", "Carla Dias"),
            Step(120, "Set hardware", null),
            Step(150, "Final QC", "Bruno Lima", outcome: "pass"));

        var text = Print(story).Text;

        text.ShouldContain("Made by: Carla Dias, Ana Souza, Bruno Lima", Case.Sensitive);
    }

    [Fact]
    public void The_certificate_shows_the_product_order_serial_generation_and_completion()
    {
        var story = Bag(Step(0, "Cut panels", "Carla Dias")) with { Generation = 2, CompletedAt = new DateTime(2026, 3, 4, 14, 5, 59, DateTimeKind.Utc) };

        var text = Print(story).Text;

        text.ShouldContain("Piece certificate", Case.Sensitive);
        text.ShouldContain("Tote bag, natural leather (bag-tote)", Case.Sensitive);
        text.ShouldContain("Order: MO-2026-0042", Case.Sensitive);
        text.ShouldContain("Serial: TB-000917 (generation 2)", Case.Sensitive);
        text.ShouldContain("Completed: 2026-03-04 14:05 UTC", Case.Sensitive);
    }

    [Fact]
    public void The_printed_verification_code_is_the_one_that_verifies_the_piece()
    {
        var story = Bag(Step(0, "Cut panels", "Carla Dias"));

        var text = Print(story).Text;

        var printed = Regex.Match(text, @"Code: (\S+)").Groups[1].Value;
        printed.ShouldBe(VerificationCode.Compute(Key, story));
        VerificationCode.Verify(Key, story.Tenant, story.OrderNumber, story.Serial, story.Generation, story.CompletedAt, printed).ShouldBeTrue();
        text.ShouldContain("To verify this certificate, give its serial and this code to Atelier Lumen.", Case.Sensitive);
    }

    [Fact]
    public void Step_times_are_printed_in_utc_whatever_kind_of_time_the_story_holds()
    {
        var utc = new DateTime(2026, 3, 4, 9, 15, 0, DateTimeKind.Utc);
        var step = Step(0, "Cut panels", "Carla Dias") with { StartedAt = utc.ToLocalTime(), EndedAt = DateTime.SpecifyKind(utc.AddMinutes(20), DateTimeKind.Unspecified) };

        var text = Print(Bag(step)).Text;

        text.ShouldContain("Cut panels Carla Dias 2026-03-04 09:15 2026-03-04 09:35 30", Case.Sensitive);
    }

    [Fact]
    public void A_failed_qc_and_the_replacement_it_caused_are_shown()
    {
        var story = Bag(
            Step(0, "Stitch body", "Ana Souza"),
            Step(60, "Final QC", "Bruno Lima", outcome: "fail", note: "Loose stitch on the left strap")) with
        {
            Serial = "TB-000918",
            Generation = 2,
            Replacements = [new PieceReplacement("TB-000917", 1, "qc_fail: loose stitch on the left strap", Start.AddHours(2))],
        };

        var text = Print(story).Text;

        text.ShouldContain("Final QC Bruno Lima 2026-03-04 09:00 2026-03-04 09:30 30 FAIL – Loose stitch on the left strap", Case.Sensitive);
        text.ShouldContain("Replacements", Case.Sensitive);
        text.ShouldContain("TB-000917 1 qc_fail: loose stitch on the left strap 2026-03-04 10:00", Case.Sensitive);
    }

    [Fact]
    public void A_story_without_replacements_prints_no_replacement_table()
    {
        var text = Print(Bag(Step(0, "Cut panels", "Carla Dias"))).Text;

        text.ShouldNotContain("Replacements", Case.Sensitive);
    }

    [Fact]
    public void A_story_of_80_steps_continues_on_further_pages_and_still_lists_its_last_step()
    {
        var pdf = Print(Long(80));

        pdf.Pages.Count.ShouldBeGreaterThan(1);
        pdf.Pages[^1].ShouldContain("Seam 080", Case.Sensitive);
        // Each row whole, once, on one page: no row is lost, doubled or torn across a page break.
        for (var i = 1; i <= 80; i++)
            pdf.Pages.Sum(page => Regex.Count(page, $@"\b{i} Seam {i:000} (Ana Souza|Bruno Lima) 2026-03-04 \d\d:\d\d 2026-03-04 \d\d:\d\d 30\b")).ShouldBe(1, $"Seam {i:000}");
        pdf.Pages.Skip(1).ShouldAllBe(page => page.Contains("# Step Made by Started (UTC) Ended (UTC)", StringComparison.Ordinal));
        pdf.EveryWordOnItsPage.ShouldBeTrue();
        pdf.NoLettersOverlap.ShouldBeTrue();
    }

    [Fact]
    public void Every_page_says_which_page_of_how_many_it_is()
    {
        var pdf = Print(Long(80));

        for (var i = 0; i < pdf.Pages.Count; i++)
            pdf.Pages[i].ShouldContain($"Page {i + 1} of {pdf.Pages.Count}", Case.Sensitive);
    }

    [Fact]
    public void Certificates_print_side_by_side_on_several_threads()
    {
        var serials = Enumerable.Range(1, 8).Select(i => $"TB-1000{i}").ToList();

        var texts = serials.AsParallel().Select(serial => Print(Long(12) with { Serial = serial }).Text).ToList();

        texts.Select((text, i) => text.Contains(serials[i], StringComparison.Ordinal)).ShouldAllBe(found => found);
    }

    private static CertificatePdf Print(PieceStory story) =>
        CertificatePdf.Read(PieceCertificate.Render(story, VerificationCode.Compute(Key, story)));
}

using System.Text;
using Weft.Support.Triage;

namespace Weft.Support.Tests.Triage;

public sealed class ReadingTrainingFiles
{
    private static (List<(int Row, IntentExample Example)> Rows, List<ExampleRowError> Errors) Read(string csv) => ExampleCsv.Read(Encoding.UTF8.GetBytes(csv));

    [Fact]
    public void A_good_file_reads_its_examples_with_quotes_and_commas()
    {
        var (rows, errors) = Read("intent,text\r\nrefund,\"Refund me, please\"\r\ndelivery,where is it\r\n");
        errors.ShouldBeEmpty();
        rows.Select(r => (r.Row, r.Example)).ShouldBe([(2, new IntentExample("Refund me, please", "refund")), (3, new IntentExample("where is it", "delivery"))]);
    }

    [Fact]
    public void Each_bad_row_is_named_by_its_row_and_column()
    {
        var (_, errors) = Read("text,intent\nfine,refund\n,refund\nsomething,has space\nsomething,unknown\n");
        errors.Select(e => (e.Row, e.Column)).ShouldBe([(3, "text"), (4, "intent"), (5, "intent")]);
    }

    [Fact]
    public void A_file_without_the_columns_is_refused_at_its_header()
    {
        var (_, errors) = Read("question,label\nx,y\n");
        errors.ShouldAllBe(e => e.Row == 1);
        errors.Select(e => e.Column).ShouldContain("text");
        errors.Select(e => e.Column).ShouldContain("intent");
    }
}

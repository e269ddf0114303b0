using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.AspNetCore.Components.Web;
using Weft.AI.Knowledge;

namespace Weft.AI.Runs;

/// <summary>
/// An answer as the model wrote it, each citation mark ([1], [2, 3]) a link to the row of the source it cites. Written
/// as a render tree rather than markup: the answer is shown with its own white space, which markup's indentation would add to.
/// </summary>
public sealed class CitedAnswer : ComponentBase
{
    [Inject] private NavigationManager Navigation { get; set; } = default!;

    [Parameter, EditorRequired] public string Text { get; set; } = "";

    /// <summary>The run's sources: a mark whose number is not among them stays text.</summary>
    [Parameter, EditorRequired] public IReadOnlyList<RunSourceDto> Sources { get; set; } = [];

    /// <summary>Raised with the source's number when its mark is followed, for the page to point the row out.</summary>
    [Parameter] public EventCallback<int> Cite { get; set; }

    /// <summary>The id of a source's row: <c>source-1</c>.</summary>
    public static string RowId(int rank) => "source-" + rank.ToString(CultureInfo.InvariantCulture);

    // Literal sequence numbers, repeated on each turn of a loop, as the Razor compiler writes them.
    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var here = Navigation.Uri.Split('#', 2)[0];
        foreach (var piece in RunSources.Pieces(Text))
        {
            if (!piece.Cites.Any(IsSource))
            {
                builder.AddContent(0, piece.Text);
            }
            else if (piece.Cites.Count == 1)
            {
                Link(builder, here, piece.Cites[0], piece.Text);
            }
            else
            {
                builder.AddContent(1, "[");
                for (var c = 0; c < piece.Cites.Count; c++)
                {
                    var rank = piece.Cites[c];
                    if (c > 0) builder.AddContent(2, ", ");
                    if (IsSource(rank)) Link(builder, here, rank, rank.ToString(CultureInfo.InvariantCulture));
                    else builder.AddContent(3, rank.ToString(CultureInfo.InvariantCulture));
                }
                builder.AddContent(4, "]");
            }
        }
    }

    private bool IsSource(int rank) => Sources.Any(s => s.Rank == rank);

    private void Link(RenderTreeBuilder builder, string here, int rank, string text)
    {
        var source = Sources.First(s => s.Rank == rank);
        builder.OpenElement(10, "a");
        builder.AddAttribute(11, "href", $"{here}#{RowId(rank)}");
        builder.AddAttribute(12, "class", "mud-link mud-primary-text mud-link-underline-always weft-citation");
        builder.AddAttribute(13, "title", $"Source {rank}: {source.DocumentName}{(source.Heading.Length > 0 ? " › " + source.Heading : "")}");
        builder.AddAttribute(14, "onclick", EventCallback.Factory.Create<MouseEventArgs>(this, () => Cite.InvokeAsync(rank)));
        builder.AddContent(15, text);
        builder.CloseElement();
    }
}

using System.Security.Claims;

namespace Weft.Platform.Web.Ui;

/// <summary>What a module puts on a person's home page: the figures that concern them, given their permissions.</summary>
public interface IHomeFigures
{
    /// <summary>The tables whose changes move these figures.</summary>
    IReadOnlyCollection<string> Tables { get; }

    Task<IReadOnlyList<HomeFigure>> ForAsync(ClaimsPrincipal caller, CancellationToken ct);
}

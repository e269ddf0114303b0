namespace Weft.Support.Macros;

public sealed record MacroDto(long Id, string Title, string? Body, bool AsNote, MacroActions Actions, DateTime UpdatedAt, int Version);

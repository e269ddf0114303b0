namespace Weft.Support.Triage;

/// <param name="Added">Examples added from the file.</param>
/// <param name="Repeated">Rows whose text and intent were already among the examples (or earlier in the file): not added again.</param>
internal sealed record ExamplesUploaded(int Rows, int Added, int Repeated, ExamplesSummary Examples);

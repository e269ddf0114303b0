namespace Weft.Support.Triage;

internal sealed record ExamplesDeleted(int Deleted, ExamplesSummary Examples);

namespace Weft.Platform.Web.Modules;

/// <summary>
/// A command an operator of the installation runs next to the host, against the configured database
/// (migrated first): <c>&lt;noun&gt; &lt;verb&gt; --option value …</c>. Arguments that are not its
/// <paramref name="Options"/> configure the host (e.g. <c>--Weft:Database:Provider postgres</c>).
/// It returns the process exit code (0 done, 2 refused) and writes what happened to the console.
/// </summary>
public sealed record CliCommand(
    string Noun, string Verb, IReadOnlyList<string> Options, Func<IServiceProvider, IReadOnlyDictionary<string, string>, Task<int>> RunAsync);

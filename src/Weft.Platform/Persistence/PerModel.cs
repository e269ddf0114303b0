using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Weft.Platform.Persistence;

/// <summary>
/// A compiled query (<c>EF.CompileAsyncQuery</c>), compiled once per EF model: a compiled query serves the
/// model it was compiled for only, and a process may have several (one per database provider, with and
/// without the tenant filter). Compiled, a query skips EF Core's walk of its expression tree and its cache
/// lookup on every call (ADR 0011).
/// </summary>
public sealed class PerModel<T>(Func<T> compile) where T : class
{
    private readonly ConditionalWeakTable<IModel, T> byModel = [];

    /// <summary>The query compiled for <paramref name="db"/>'s model.</summary>
    public T For(DbContext db) => byModel.GetValue(db.Model, _ => compile());
}

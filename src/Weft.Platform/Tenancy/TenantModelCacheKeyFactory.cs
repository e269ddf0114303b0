using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Weft.Platform.Tenancy;

/// <summary>Model cache key that tells a model with the application's tenant filter from one without.</summary>
internal sealed class TenantModelCacheKeyFactory : IModelCacheKeyFactory
{
    public object Create(DbContext context, bool designTime) =>
        (context.GetType(), (context as ITenantScopedContext)?.ApplicationFilter ?? true, designTime);
}

namespace Weft.Production.Products;

/// <param name="BatchSize">Pieces per flow token: 1 for a product made piece by piece.</param>
public sealed record ProductDto(long Id, string Key, string Name, string Routing, int BatchSize, DateTime CreatedAt, DateTime UpdatedAt, int Version);

public sealed record CreateProductRequest(string? Key, string? Name, string? Routing, int? BatchSize);

public sealed record UpdateProductRequest(string? Name, string? Routing, int? BatchSize, int? Version);

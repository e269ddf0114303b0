using Weft.AI.Models;
using Weft.AI.Persistence;
using Weft.Platform.Errors;

namespace Weft.AI.Knowledge;

/// <summary>What knowledge bases and searches must satisfy.</summary>
internal static class KnowledgeRules
{
    public const int MaxQuery = 2_000;
    public const int DefaultLimit = 5;
    public const int MaxLimit = 50;
    public const int MaxBasesPerAgent = 10;

    public static void CheckName(FieldErrors errors, string? name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 200) errors.Add("name", "'name' is required, at most 200 characters.");
    }

    public static void CheckDescription(FieldErrors errors, string? description)
    {
        if (description is { Length: > 2000 }) errors.Add("description", "'description' is at most 2000 characters.");
    }

    public static void CheckEmbeddingModel(FieldErrors errors, string? key, ModelRecord? model)
    {
        if (key is null or "") return;
        if (model is null) errors.Add("embeddingModel", $"There is no model '{key}' in the catalogue.");
        else if (model.Purpose != ModelPurposes.Embeddings) errors.Add("embeddingModel", $"Model '{key}' is a {model.Purpose} model, not an embeddings model.");
    }

    public static (string Query, int Limit) CheckSearch(SearchRequest request)
    {
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(request.Query) || request.Query.Length > MaxQuery)
            errors.Add("query", $"'query' is required, at most {MaxQuery:N0} characters.");
        if (request.Limit is < 1 or > MaxLimit) errors.Add("limit", $"'limit' must be between 1 and {MaxLimit}.");
        errors.ThrowIfAny();
        return (request.Query!.Trim(), request.Limit ?? DefaultLimit);
    }

    public static WeftException NotFound(string key) => WeftException.NotFound("knowledge_base_not_found", $"There is no knowledge base '{key}'.");

    public static WeftException DocumentNotFound(string key, long id) =>
        WeftException.NotFound("document_not_found", $"Knowledge base '{key}' has no document {id}.");

    public static KnowledgeBaseDto ToDto(this KnowledgeBaseRecord b, int documents, int chunks) =>
        new(b.Id, b.Key, b.Name, b.Description, b.EmbeddingModel, documents, chunks, b.CreatedAt, b.UpdatedAt, b.Version);

    public static DocumentDto ToDto(this DocumentRecord d, string baseKey) =>
        new(d.Id, baseKey, d.Name, d.Title, d.Type, d.Bytes, d.Sha256, d.Chunks, d.Characters, d.EmbeddingModel, d.UploadedBy, d.UploadedAt, d.Revision);
}

using Weft.AI.Providers;

namespace Weft.AI.Runs;

/// <summary>One model of a chain, resolved to the provider that serves it and the prices it is costed at.</summary>
/// <param name="Model">The model's key in the catalogue.</param>
/// <param name="Provider">The serving provider's key (its circuit is per tenant and provider).</param>
/// <param name="ProviderModel">The model's name at its provider.</param>
internal sealed record ChainLink(string Model, string Provider, ProviderConnection Connection, string ProviderModel, ModelPrices Prices, TimeSpan Timeout);

using Weft.Market.Organizations;

namespace Weft.Market.Demo;

/// <summary>
/// The demo marketplace's members: 30 suppliers of battery materials in Chile, Argentina, Australia and China, and five
/// buyers (cathode makers and a battery gigafactory). <see cref="Verified"/> suppliers carry the badge from the start;
/// the others wait in the operator's verification queue.
/// </summary>
internal static class DemoOrganizations
{
    public sealed record Org(string Key, string Name, string Kind, string Country, string Description, bool Verified = true);

    public static IReadOnlyList<Org> Suppliers { get; } =
    [
        new("atacama-lithium", "Atacama Lithium SpA", MarketRoles.Supplier, "CL", "Brine-based lithium carbonate from the Salar de Atacama, battery grade."),
        new("salar-quimica", "Salar Química Ltda", MarketRoles.Supplier, "CL", "Lithium carbonate and hydroxide refiner near Antofagasta."),
        new("andes-brine", "Andes Brine Resources", MarketRoles.Supplier, "CL", "Technical and battery-grade lithium carbonate."),
        new("pacifico-minerals", "Pacífico Minerals SA", MarketRoles.Supplier, "CL", "Lithium chloride and carbonate, shipped through Mejillones."),
        new("copiapo-refining", "Copiapó Refining", MarketRoles.Supplier, "CL", "Battery-grade lithium hydroxide monohydrate.", Verified: false),
        new("altiplano-litio", "Altiplano Litio SA", MarketRoles.Supplier, "AR", "Lithium carbonate from the Salar del Hombre Muerto."),
        new("puna-resources", "Puna Resources SA", MarketRoles.Supplier, "AR", "Battery-grade lithium carbonate, Jujuy."),
        new("cauchari-lithium", "Cauchari Lithium", MarketRoles.Supplier, "AR", "Lithium carbonate from Cauchari-Olaroz brines."),
        new("salta-quimica", "Salta Química SRL", MarketRoles.Supplier, "AR", "Technical-grade lithium carbonate and chloride."),
        new("catamarca-minerals", "Catamarca Minerals", MarketRoles.Supplier, "AR", "Lithium carbonate, pilot plant scaling to 20 kt.", Verified: false),
        new("rio-grande-litio", "Río Grande Litio", MarketRoles.Supplier, "AR", "Direct lithium extraction carbonate."),
        new("pilbara-spodumene", "Pilbara Spodumene Pty Ltd", MarketRoles.Supplier, "AU", "SC6 spodumene concentrate from the Pilbara, shipped from Port Hedland."),
        new("greenbushes-minerals", "Greenbushes Minerals", MarketRoles.Supplier, "AU", "Spodumene concentrate SC6 and technical-grade SC7.2."),
        new("kwinana-hydroxide", "Kwinana Hydroxide Pty", MarketRoles.Supplier, "AU", "Battery-grade lithium hydroxide refined in Western Australia."),
        new("goldfields-lithium", "Goldfields Lithium", MarketRoles.Supplier, "AU", "Spodumene concentrate SC5.5 and SC6."),
        new("mount-holland-minerals", "Mount Holland Minerals", MarketRoles.Supplier, "AU", "Spodumene concentrate and hydroxide."),
        new("esperance-resources", "Esperance Resources", MarketRoles.Supplier, "AU", "Spodumene concentrate, shipped from Esperance.", Verified: false),
        new("pilgangoora-lithium", "Pilgangoora Lithium", MarketRoles.Supplier, "AU", "SC6 spodumene concentrate."),
        new("kalgoorlie-chemicals", "Kalgoorlie Chemicals", MarketRoles.Supplier, "AU", "Lithium hydroxide and carbonate conversion."),
        new("jiangxi-lithium", "Jiangxi Lithium Materials Co.", MarketRoles.Supplier, "CN", "Battery-grade lithium carbonate and hydroxide, Yichun."),
        new("sichuan-hydroxide", "Sichuan Hydroxide Co.", MarketRoles.Supplier, "CN", "Lithium hydroxide monohydrate, micronized grades."),
        new("qinghai-salt-lake", "Qinghai Salt Lake Lithium", MarketRoles.Supplier, "CN", "Brine-based lithium carbonate."),
        new("ganzhou-materials", "Ganzhou Battery Materials", MarketRoles.Supplier, "CN", "Lithium carbonate, hydroxide and precursor materials."),
        new("yibin-chemical", "Yibin Chemical", MarketRoles.Supplier, "CN", "Battery-grade lithium hydroxide."),
        new("shandong-refining", "Shandong Lithium Refining", MarketRoles.Supplier, "CN", "Lithium carbonate converted from imported spodumene.", Verified: false),
        new("tibet-lakes", "Tibet Lakes Lithium", MarketRoles.Supplier, "CN", "Lithium carbonate from salt lakes."),
        new("hunan-cathode-salts", "Hunan Cathode Salts", MarketRoles.Supplier, "CN", "Lithium hydroxide for high-nickel cathodes."),
        new("zhejiang-lithium", "Zhejiang Lithium Chemicals", MarketRoles.Supplier, "CN", "Battery-grade lithium carbonate."),
        new("guangxi-materials", "Guangxi New Materials", MarketRoles.Supplier, "CN", "Lithium hydroxide and carbonate."),
        new("xinjiang-minerals", "Xinjiang Minerals Co.", MarketRoles.Supplier, "CN", "Spodumene and lepidolite concentrates.", Verified: false),
    ];

    public static IReadOnlyList<Org> Buyers { get; } =
    [
        new("lumen-cathodes", "Lumen Cathodes GmbH", MarketRoles.Buyer, "DE", "NMC cathode active material maker, Saxony."),
        new("nordvolt-gigafactory", "Nordvolt Gigafactory AB", MarketRoles.Buyer, "SE", "Battery cell gigafactory, 60 GWh a year."),
        new("kansai-cathode", "Kansai Cathode Materials", MarketRoles.Buyer, "JP", "LFP and NMC cathode materials."),
        new("ohio-cathode-works", "Ohio Cathode Works", MarketRoles.Buyer, "US", "Cathode active materials for North American cells."),
        new("busan-energy-materials", "Busan Energy Materials", MarketRoles.Buyer, "KR", "High-nickel precursor and cathode maker."),
    ];

    /// <summary>The demo's market people: one buyer admin and three sales people (the bidders of the demo auction).</summary>
    public static IReadOnlyList<(string Email, string Name, string Organization, string Role)> People { get; } =
    [
        ("buyer@weft.demo", "Bea Buyer", "lumen-cathodes", MarketRoles.BuyerAdmin),
        ("sales@weft.demo", "Sam Sales", "atacama-lithium", MarketRoles.SupplierAdmin),
        ("sales2@weft.demo", "Sol Sales", "altiplano-litio", MarketRoles.SupplierAdmin),
        ("sales3@weft.demo", "Sid Sales", "jiangxi-lithium", MarketRoles.SupplierAdmin),
    ];
}

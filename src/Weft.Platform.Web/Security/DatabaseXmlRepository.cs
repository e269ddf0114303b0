using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Weft.Platform.Security;

namespace Weft.Platform.Web.Security;

/// <summary>Data Protection's key ring in the database (<see cref="ProtectionKeyStore"/>), shared by every host process.</summary>
internal sealed class DatabaseXmlRepository(ProtectionKeyStore store) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements() => store.ReadAll().Select(XElement.Parse).ToList();

    public void StoreElement(XElement element, string friendlyName) => store.Add(friendlyName, element.ToString(SaveOptions.DisableFormatting));
}

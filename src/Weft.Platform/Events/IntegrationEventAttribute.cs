namespace Weft.Platform.Events;

/// <summary>
/// Marks a record as an integration event and gives it the stable name it is stored under in the
/// outbox (renaming the class later does not orphan events already written). Name events
/// <c>&lt;module&gt;.&lt;what_happened&gt;</c>, e.g. <c>platform.audit_recorded</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class IntegrationEventAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}

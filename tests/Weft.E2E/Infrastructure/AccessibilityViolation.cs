namespace Weft.E2E.Infrastructure;

/// <summary>One element that breaks one axe rule on one page.</summary>
public sealed record AccessibilityViolation(string Rule, string Impact, string Target, string Help, string Summary, string Page);

namespace VMessPlugins.Host.Management;

/// <summary>What a reload did: applied with a one-line summary, or refused with the errors (nothing changed).</summary>
internal sealed record ReloadOutcome(bool Applied, string Summary, IReadOnlyList<string> Errors, IReadOnlyList<string> Warnings);

namespace VMessPlugins.Host.Links;

/// <summary>A parsed link, or every problem found in it (each line already names the field).</summary>
internal sealed record VMessLinkParseResult(VMessLink? Link, IReadOnlyList<string> Errors);

namespace VMessPlugins.Host.Links;

/// <summary><c>link import</c>.</summary>
internal static partial class LinkCommand
{
    private static async Task<int> ImportAsync(List<string> args, TextWriter output, TextWriter errors)
    {
        if (args.Count != 1)
        {
            return await UsageErrorAsync(errors, args.Count == 0 ? "link import needs a link" : "link import takes one link (quote it)", LinkUsage.Import)
                .ConfigureAwait(false);
        }

        var result = VMessLinkParser.Parse(args[0]);
        if (result.Link is null)
        {
            foreach (var error in result.Errors)
            {
                await errors.WriteLineAsync(error).ConfigureAwait(false);
            }

            return 1;
        }

        await output.WriteLineAsync(OutboundConfigWriter.Write(result.Link)).ConfigureAwait(false);
        return 0;
    }
}

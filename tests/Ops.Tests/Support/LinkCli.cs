using VMessPlugins.Host.Links;

namespace VMessPlugins.Tests.Ops.Tests.Support;

/// <summary>Runs <c>link ...</c> in process and captures what it prints.</summary>
internal static class LinkCli
{
    public static async Task<(int Code, string Output, string Errors)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();
        var code = await LinkCommand.RunAsync(args, output, errors, colours: false);
        return (code, output.ToString(), errors.ToString());
    }
}

using System.Text;
using VMessPlugins.Abstractions.Configuration;
using VMessPlugins.Host.Configuration;
using VMessPlugins.Host.Links.Qr;

namespace VMessPlugins.Host.Links;

/// <summary><c>link export</c>.</summary>
internal static partial class LinkCommand
{
    private static async Task<int> ExportAsync(List<string> args, TextWriter output, TextWriter errors, bool colours)
    {
        var configs = new List<string>();
        string? tag = null;
        var qr = false;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            var needsValue = arg is "-c" or "--config" or "-config" or "--outbound";
            if (needsValue && (i + 1 >= args.Count || args[i + 1].Length == 0))
            {
                return await UsageErrorAsync(errors, $"option \"{arg}\" needs a value", LinkUsage.Export).ConfigureAwait(false);
            }

            switch (arg)
            {
                case "-c" or "--config" or "-config":
                    configs.Add(args[++i]);
                    break;
                case "--outbound":
                    tag = args[++i];
                    break;
                case "--qr":
                    qr = true;
                    break;
                default:
                    return await UsageErrorAsync(errors, arg.StartsWith('-') ? $"unknown option \"{arg}\"" : $"unexpected argument \"{arg}\"", LinkUsage.Export)
                        .ConfigureAwait(false);
            }
        }

        if (configs.Count == 0)
        {
            configs.Add(EmbeddedDefaultConfig.DefaultPath);
        }

        var diagnostics = new ConfigDiagnostics();
        var notes = new List<string>();
        var files = ConfigFileLoader.Load(configs, diagnostics);
        var link = diagnostics.HasErrors ? null
            : OutboundLinkReader.Read(ConfigDocumentReader.Read(files, diagnostics).Outbounds, tag, diagnostics, notes);
        if (link is null)
        {
            // Only errors: the config's warnings are for "test"; they do not stop an export.
            foreach (var item in diagnostics.Items.Where(d => d.Severity == ConfigSeverity.Error))
            {
                await errors.WriteLineAsync(item.ToString()).ConfigureAwait(false);
            }

            return 1;
        }

        foreach (var note in notes)
        {
            await errors.WriteLineAsync($"note: {note}").ConfigureAwait(false);
        }

        var text = VMessLinkFormatter.Format(link);
        await output.WriteLineAsync(text).ConfigureAwait(false);
        if (qr)
        {
            var code = QrEncoder.Encode(Encoding.UTF8.GetBytes(text), QrErrorLevel.Low);
            await output.WriteAsync(QrTerminalRenderer.Render(code, colours)).ConfigureAwait(false);
        }

        return 0;
    }
}

using VMessPlugins.Host.Cli;
using VMessPlugins.Host.Runtime;

SocketTuning.Apply();
return await CommandRunner.RunAsync(args, Console.Out, Console.Error).ConfigureAwait(false);

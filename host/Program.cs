using VMessPlugins.Host.Cli;

return await CommandRunner.RunAsync(args, Console.Out, Console.Error).ConfigureAwait(false);

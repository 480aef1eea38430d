namespace VMessPlugins.Host.Cli;

/// <summary>Help texts.</summary>
internal static class Usage
{
    public const string General = """
        Usage: vmessplugins COMMAND [options]

        Commands:
          run       run the proxy (SIGHUP reloads config.json and plugins.json)
          reload    ask the running proxy to reload its config, through the management API
          test      check the config and plugins; print every error and warning
          plugins   list the plugins found and what they provide
          uuid      print a new random UUID (for VMess user ids)
          version   print the host and abstractions versions
          link      vmess:// share links: "link export" an outbound (--qr), "link import" a link
          api       "api stats": traffic counters; "api users list|add|remove": users of a running
                    vmess inbound (needs "management" in the config)

        Options:
          -c, --config FILE    config file (repeatable: later files extend earlier ones);
                               default: config.json beside the executable
          -p, --plugins FILE   plugin manifest; default: plugins.json beside the executable
          -h, --help           help for a command
        """;

    public static string For(string command) => command switch
    {
        "run" => """
            Usage: vmessplugins run [-c FILE]... [-p FILE]

            Loads the enabled plugins, reads the config and serves until SIGINT or SIGTERM.
            SIGHUP re-reads the config files and plugins.json and applies them without a restart
            (see "vmessplugins reload --help"). Exits 1 when the config has errors or a port is in use.
            """,
        "test" => """
            Usage: vmessplugins test [-c FILE]... [-p FILE]

            Checks the config and plugins without listening. Prints every error and warning;
            prints "Configuration OK." and exits 0 when there is no error, else exits 1.
            """,
        "plugins" => """
            Usage: vmessplugins plugins [-p FILE]

            Lists each plugin folder found: name, version, folder, what it provides, and
            whether plugins.json enables it.
            """,
        "uuid" => """
            Usage: vmessplugins uuid

            Prints a new random UUID.
            """,
        "version" => """
            Usage: vmessplugins version

            Prints the host version and the abstractions version plugins must be built against.
            """,
        _ => General,
    };
}

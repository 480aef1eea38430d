namespace VMessPlugins.Plugins.VMess.Outbound;

/// <summary>
/// Which request header a user gets: AEAD when its alterId is 0 or testsEnabled has "VMessAEAD", legacy otherwise;
/// the environment variable VMESSAEADEXPERIMENT overrides that (V2Ray 4.2x): "y" forces AEAD, "n" forces legacy.
/// </summary>
internal static class AeadExperiment
{
    public const string Variable = "VMESSAEADEXPERIMENT";

    /// <summary>What V2Ray prints when the experiment is switched on.</summary>
    public const string Banner = "=======VMESSAEADEXPERIMENT ENABLED========";

    private static int _announced;

    /// <summary>true: AEAD forced; false: legacy forced; null: the variable is unset or another value.</summary>
    public static bool? Read() => Environment.GetEnvironmentVariable(Variable) switch
    {
        "y" => true,
        "n" => false,
        _ => null,
    };

    /// <summary>Prints the banner to stdout, once per process.</summary>
    public static void Announce()
    {
        if (Interlocked.Exchange(ref _announced, 1) == 0)
        {
            Console.Out.WriteLine(Banner);
            Console.Out.Flush();
        }
    }

    /// <summary>The header format name ("aead" or "legacy") for a user.</summary>
    public static string Choose(int alterId, bool testsEnabledAead, bool? experiment) => experiment switch
    {
        true => "aead",
        false => "legacy",
        null => alterId == 0 || testsEnabledAead ? "aead" : "legacy",
    };
}
